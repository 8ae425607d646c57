export type {
  DateOrigin,
  ImportDialect,
  ImportedArticle,
  ImportFolder,
  ImportNote,
  ImportPlan,
  ImportSourceFile,
} from './types.js';
export type { ImportTargets } from './write.js';
export type { SummaryPlaces } from './summary.js';
export { readImportFolder } from './read.js';
export { planImport } from './plan.js';
export { existingFiles, plannedFiles, writeImport } from './write.js';
export { importSummary } from './summary.js';
export { importedSettings, importedSiteConfig } from './config-file.js';
