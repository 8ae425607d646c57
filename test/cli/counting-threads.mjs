// Preloaded with `node --import` (through NODE_OPTIONS, so worker threads load it too): each
// worker thread that starts adds a line to the file named by SUGAKU_TEST_THREADS_FILE.
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

if (!isMainThread) appendFileSync(process.env.SUGAKU_TEST_THREADS_FILE, 'thread\n');
