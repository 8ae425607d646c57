import { runTask, type Task } from './tasks.js';

/** Entry point of a build worker thread (tinypool). */
export default function work(task: Task) {
  return runTask(task);
}
