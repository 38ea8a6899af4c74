// The history site as a list of files to write and reports to copy: index.html, and for every run
// runs/<slug>/changes.html, report.html and results.json. Pure: src/cli/report-site.ts does the I/O.
import { renderChangesPage } from './changes-page.js';
import { buildHistory, type History, type RunInput } from './history.js';
import { renderIndexPage } from './index-page.js';

export interface SiteFile {
  /** Relative to the site's folder, `/`-separated. */
  path: string;
  content: string;
}

export interface SiteCopy {
  /** The run's folder name, as given in RunInput. */
  run: string;
  what: 'report' | 'results';
  /** Relative to the site's folder. */
  to: string;
}

export interface SitePlan {
  history: History;
  files: SiteFile[];
  copies: SiteCopy[];
}

/** `unreadable`: runs the caller could not even parse, named, with why; the index lists them. */
export function planSite(inputs: readonly RunInput[], unreadable: readonly string[] = []): SitePlan {
  const history = buildHistory(inputs, unreadable);
  const files: SiteFile[] = [{ path: 'index.html', content: renderIndexPage(history) }];
  const copies: SiteCopy[] = [];
  for (const run of history.runs) {
    files.push({ path: `runs/${run.slug}/changes.html`, content: renderChangesPage(run) });
    copies.push({ run: run.name, what: 'results', to: `runs/${run.slug}/results.json` });
    if (run.hasReport) copies.push({ run: run.name, what: 'report', to: `runs/${run.slug}/report.html` });
  }
  return { history, files, copies };
}
