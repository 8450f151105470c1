/**
 * The page's text: title, implementation legend, problem banner and skipped crawlers, summary
 * table, edge-case pages, environment and configuration. All of it goes in through `textContent`.
 */
import type { LabelledValue } from '../config-lines.js';
import type { ReportModel } from '../report-model.js';
import { REPORT_IDS } from '../report-ids.js';
import { byId, el } from './dom.js';

export function fillText(model: ReportModel): void {
  document.title = model.title;
  byId(REPORT_IDS.title, HTMLElement).textContent = model.title;
  byId(REPORT_IDS.subtitle, HTMLElement).textContent = model.subtitle;
  const legend = byId(REPORT_IDS.implLegend, HTMLElement);
  model.impls.forEach((item) => {
    const entry = el('span', null, 'legend-item');
    // Native and user crawlers are hatched here as in the start-up chart.
    const swatch = el('span', null, item.origin === 'js' ? 'swatch' : 'swatch hatched');
    swatch.style.backgroundColor = item.colour;
    entry.appendChild(swatch);
    entry.appendChild(el('span', item.origin === 'js' ? item.impl : `${item.impl} (${item.origin})`));
    legend.appendChild(entry);
  });
  const banner = byId(REPORT_IDS.banner, HTMLElement);
  if (model.banner) {
    banner.hidden = false;
    banner.appendChild(el('strong', model.banner.headline));
    const problems = el('ul');
    for (const item of model.banner.items) problems.appendChild(el('li', item));
    banner.appendChild(problems);
  }
  if (model.skipped.length > 0) {
    // A skipped crawler is no failure, but a reader comparing against the article must see it is absent.
    banner.hidden = false;
    for (const line of model.skipped) banner.appendChild(el('p', line));
    const under = byId(REPORT_IDS.raceSkipped, HTMLElement);
    under.hidden = false;
    for (const line of model.skipped) under.appendChild(el('li', line));
  }
  fillSummary(model.table);
  if (model.processTimedNote !== '') {
    const note = byId(REPORT_IDS.summaryNote, HTMLElement);
    note.hidden = false;
    note.textContent = model.processTimedNote;
  }
  if (model.notablePages.length > 0) {
    byId(REPORT_IDS.notable, HTMLElement).hidden = false;
    const notableBody = tbody(byId(REPORT_IDS.notablePages, HTMLTableElement));
    model.notablePages.forEach((page) => {
      const tr = el('tr');
      tr.appendChild(el('td', page.url));
      tr.appendChild(el('td', page.status));
      tr.appendChild(el('td', page.error));
      notableBody.appendChild(tr);
    });
  }
  fillList(REPORT_IDS.environment, model.environment);
  fillList(REPORT_IDS.config, model.config);
  if (model.ab) fillAb(model.ab);
}

function fillAb(ab: NonNullable<ReportModel['ab']>): void {
  byId(REPORT_IDS.ab, HTMLElement).hidden = false;
  byId(REPORT_IDS.abHeadline, HTMLElement).textContent = ab.headline;
  byId(REPORT_IDS.abSides, HTMLElement).textContent = ab.sides;
  const behaviour = byId(REPORT_IDS.abBehaviour, HTMLElement);
  behaviour.hidden = ab.behaviour.length === 0;
  for (const line of ab.behaviour) behaviour.appendChild(el('li', `Behaviour changed: ${line}`));
  fillSummary(
    {
      columns: ab.table.columns,
      rows: ab.table.rows.map((row) => ({ impl: '', workers: 0, runtime: null, state: row.final === 'regression' ? 'failed' : 'ok', validRuns: 0, totalRuns: 0, cells: row.cells })),
    },
    REPORT_IDS.abTable,
  );
  byId(REPORT_IDS.abCriteria, HTMLElement).textContent = ab.criteria;
  const notes = byId(REPORT_IDS.abNotes, HTMLElement);
  for (const note of ab.notes) notes.appendChild(el('li', note));
}

function fillSummary(summary: ReportModel['table'], id: string = REPORT_IDS.summary): void {
  const table = byId(id, HTMLTableElement);
  const head = el('tr');
  summary.columns.forEach((column) => {
    const th = el('th', column.title, column.align === 'right' ? 'num' : '');
    th.scope = 'col';
    head.appendChild(th);
  });
  table.createTHead().appendChild(head);
  const body = tbody(table);
  summary.rows.forEach((row) => {
    const tr = el('tr');
    tr.dataset.state = row.state;
    row.cells.forEach((cell, i) => {
      const column = summary.columns[i];
      // "1,070 ms ± 0.8 %": the margin goes on its own line so the full table fits a laptop screen.
      const split = cell.indexOf(' ± ');
      const td = el(i === 0 ? 'th' : 'td', split === -1 ? cell : cell.slice(0, split), column && column.align === 'right' ? 'num' : '');
      if (split !== -1) td.appendChild(el('span', cell.slice(split + 1), 'margin'));
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
}

/** The table's body: html.ts writes one into every table. */
function tbody(table: HTMLTableElement): HTMLTableSectionElement {
  const body = table.tBodies[0];
  if (body === undefined) throw new Error(`report page: #${table.id} has no tbody`);
  return body;
}

function fillList(id: string, items: LabelledValue[]): void {
  const list = byId(id, HTMLElement);
  for (const item of items) {
    list.appendChild(el('dt', item.label));
    list.appendChild(el('dd', item.value));
  }
}
