/**
 * The search island, the only JavaScript the site ships: it reads `?q=` (the form is a plain GET
 * form, so a search is a URL one can share), fetches the prebuilt index of the page's locale and
 * lists the results, announced through a polite live region.
 */
import { fill, type SearchMessages } from '../../i18n/search';
import { loadIndex, search, type SearchHit, type SearchIndexFile } from './engine';

const MAX_RESULTS = 50;

function resultItem(hit: SearchHit, messages: SearchMessages): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'search-result';
  const type = document.createElement('span');
  type.className = 'search-type';
  type.textContent = messages.types[hit.k];
  const link = document.createElement('a');
  link.href = hit.u;
  link.textContent = hit.t;
  const heading = document.createElement('h2');
  heading.append(type, ' ', link);
  li.append(heading);
  if (hit.x) {
    const text = document.createElement('p');
    text.textContent = hit.x;
    li.append(text);
  }
  return li;
}

async function run(root: HTMLElement): Promise<void> {
  const input = root.querySelector<HTMLInputElement>('input[name="q"]');
  const status = root.querySelector<HTMLElement>('[data-search-status]');
  const list = root.querySelector<HTMLOListElement>('[data-search-results]');
  const messages = JSON.parse(root.dataset.messages ?? '{}') as SearchMessages;
  if (!input || !status || !list) return;
  const query = (new URLSearchParams(window.location.search).get('q') ?? '').trim();
  input.value = query;
  if (!query) return;

  status.textContent = messages.loading;
  root.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(root.dataset.index as string);
    if (!response.ok) throw new Error(`${response.status}`);
    const file = (await response.json()) as SearchIndexFile;
    const hits = search(loadIndex(file), file, query, { collective: root.dataset.collective || null });
    list.replaceChildren(...hits.slice(0, MAX_RESULTS).map((hit) => resultItem(hit, messages)));
    const template = hits.length === 0 ? messages.none : hits.length === 1 ? messages.one : messages.many;
    status.textContent = fill(template, { n: hits.length, q: query });
  } catch {
    status.textContent = messages.error;
  } finally {
    root.removeAttribute('aria-busy');
  }
}

export function startSearch(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-search]')) void run(root);
}
