/** Progress of the two long phases of a build. */
export interface BuildProgress {
  phase: 'articles' | 'pages';
  done: number;
  total: number;
}

export type ProgressListener = (progress: BuildProgress) => void;
