export { main, runAsProcess } from './main.js';
