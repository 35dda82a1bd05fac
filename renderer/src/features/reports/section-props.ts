import type { ReportQuery } from '../../../../shared/reports';

/** What every report section is given by the Reports screen: the query (null while the period is not valid) and the connection. */
export type SectionProps = { query: ReportQuery | null; online: boolean };
