// Worker-thread entry: TypeScript through tsx, like bin/jiedao.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./load-worker.ts');
