import { writeFailure } from '../output/index.js';
import { runTask, type Task } from './tasks.js';

/** Entry point of a build worker thread (tinypool). */
export default async function work(task: Task) {
  try {
    return await runTask(task);
  } catch (error) {
    // Only an error's message survives the way back: a full disk must still read as one.
    throw writeFailure(error) ?? error;
  }
}
