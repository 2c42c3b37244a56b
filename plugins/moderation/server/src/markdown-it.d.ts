// The part of markdown-it (which ships no types) this plugin uses.
declare module 'markdown-it' {
  interface Options {
    html?: boolean;
    linkify?: boolean;
    breaks?: boolean;
  }
  export default class MarkdownIt {
    constructor(preset: 'default' | 'commonmark' | 'zero', options?: Options);
    disable(rules: string[]): this;
    render(source: string): string;
  }
}
