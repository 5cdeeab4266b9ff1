// Entry point: reads what the server put into the page and starts the dashboard.
import type { Bootstrap } from './api-types.js';
import { Dashboard } from './dashboard.js';
import './styles.css';

declare global {
  interface Window {
    __MERCATOR__?: Bootstrap;
  }
}

const dashboard = new Dashboard(
  {
    main: document.getElementById('page')!,
    filterForm: document.getElementById('filter-bar') as HTMLFormElement,
    asOf: document.getElementById('as-of')!,
    nav: document.querySelector('header.topbar')!,
  },
  window.__MERCATOR__ ?? {},
);
void dashboard.start();
