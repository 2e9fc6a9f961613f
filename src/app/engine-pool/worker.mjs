// Worker threads start without the main thread's TypeScript loader: when the app runs from its sources (the
// tests, tsx), register tsx here and load the task module; the built app (dist/) runs dist/engine-worker.js.
import { register } from 'tsx/esm/api';

register();
const { runEngineTask } = await import('./engine-worker.ts');

export default runEngineTask;
