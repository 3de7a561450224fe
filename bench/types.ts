// One line of `npm run bench`: a localgate measurement next to a raw baseline measured
// in the same run (the baseline is what the same work costs without localgate).
export interface BenchRow {
  scenario: string;
  metric: string;
  unit: string;
  localgate: number;
  baseline?: number;
  /** What baseline stands for, e.g. "raw node:http". */
  baselineLabel?: string;
  /** The goal, in words, e.g. "< 300 ms" or ">= 60% of baseline". */
  goal?: string;
  /** Whether the goal is met (undefined when there is none). */
  met?: boolean;
}

export type Scenario = () => Promise<BenchRow[]>;
