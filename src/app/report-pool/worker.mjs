// Worker threads start without the main thread's TypeScript loader: when the app runs from its sources (the
// tests, tsx), register tsx here and load the task module; the built app (dist/) runs dist/report-worker.js.
import { register } from 'tsx/esm/api';

register();
const { renderReportTask } = await import('./report-worker.ts');

export default renderReportTask;
