/** The policy template's shape: sections of paragraphs and lists, rendered to HTML and to PDF alike. */
export type Block = { p: string } | { ul: string[] };

export interface Section {
  /** St Mark's numbering (the template's order); All Souls' number in brackets where it differs (clarification 17). */
  number: string;
  allSouls?: string;
  title: string;
  level: 1 | 2 | 3;
  blocks: Block[];
}

export interface PolicyData {
  schoolName: string;
  version: number;
  headteacher: string | null;
  dsls: string[];
  deputies: string[];
  onlineSafetyLeads: string[];
  governorLead: string | null;
  chair: string | null;
  filteringProvider: string;
  monitoringProvider: string | null;
  technicalSupport: string | null;
  phones: {
    pupilPhones: 'not_allowed' | 'some_years' | 'any_year';
    yearsAllowed: string[];
    condition: string | null;
    keptAt: string;
    allowedOnTrips: boolean;
    staffUse: 'not_in_presence_of_children' | 'breaks_only_away_from_pupils';
  };
  socialMedia: {
    channels: { platform: string; address: string }[];
    staffPersonalUseInBreaks: boolean;
    staffOnlySites: string[];
  };
  learningPlatform: { name: string | null; address: string | null };
  reviewMonths: number;
  approvals: { headteacher: { name: string; on: string } | null; chair: { name: string; on: string } | null };
  reviewDueOn: string | null;
}
