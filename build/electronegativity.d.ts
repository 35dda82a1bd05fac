/** The programmatic entry of @doyensec/electronegativity (it ships no types). */
declare module '@doyensec/electronegativity' {
  export interface ElectronegativityLevel {
    value: number;
    name: string;
  }
  export interface ElectronegativityIssue {
    id: string;
    file: string;
    location: { line: number; column: number };
    sample?: string;
    description: string;
    severity: ElectronegativityLevel;
    confidence: ElectronegativityLevel;
    manualReview: boolean;
    shortenedURL: string;
  }
  export interface ElectronegativityResult {
    globalChecks: number;
    atomicChecks: number;
    errors: { file: string; message: string; tolerable: boolean }[];
    issues: ElectronegativityIssue[];
  }
  export default function run(options: {
    input: string;
    output?: string;
    isSarif?: boolean;
    customScan?: string[];
    excludeFromScan?: string[];
    severitySet?: string;
    confidenceSet?: string;
    isRelative?: boolean;
    electronVersionOverride?: string;
    parserPlugins?: string[];
  }): Promise<ElectronegativityResult>;
}
