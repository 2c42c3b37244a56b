// The part of markdown-it (which ships no types) the kit uses.
declare module 'markdown-it' {
  interface Options {
    html?: boolean;
    linkify?: boolean;
    breaks?: boolean;
  }
  export interface Token {
    type: string;
    content: string;
    hidden: boolean;
    children: Token[] | null;
    attrGet(name: string): string | null;
  }
  export default class MarkdownIt {
    constructor(preset: 'default' | 'commonmark' | 'zero', options?: Options);
    disable(rules: string[]): this;
    render(source: string): string;
    parse(source: string, env: object): Token[];
  }
}
