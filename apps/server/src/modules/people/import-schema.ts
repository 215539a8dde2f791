import { z } from 'zod';

export const IMPORT_KINDS = ['pupils', 'staff', 'parents'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const ImportBody = z.strictObject({
  kind: z.enum(IMPORT_KINDS),
  csv: z
    .string()
    .min(1, 'the file is empty')
    .max(10 * 1024 * 1024),
});
export type ImportBody = z.infer<typeof ImportBody>;

/** Our field -> header spellings seen in MIS exports (compared lower-case, letters and digits only). */
export const HEADERS: Record<ImportKind, Record<string, string[]>> = {
  pupils: {
    given: ['legalforename', 'forename', 'firstname', 'givenname'],
    family: ['legalsurname', 'surname', 'lastname', 'familyname'],
    preferred: ['preferredforename', 'preferredname', 'knownas'],
    upn: ['upn', 'uniquepupilnumber'],
    misId: ['admissionno', 'admissionnumber', 'adno', 'misid', 'pupilid', 'id'],
    dob: ['dob', 'dateofbirth', 'birthdate'],
    year: ['year', 'ncyear', 'ncyearactual', 'yeargroup'],
    className: ['reggroup', 'registrationgroup', 'class', 'form'],
    send: ['send', 'sen', 'senstatus', 'senprovision'],
    lookedAfter: ['lookedafter', 'inlacare', 'cla'],
  },
  staff: {
    given: ['legalforename', 'forename', 'firstname', 'givenname'],
    family: ['legalsurname', 'surname', 'lastname', 'familyname'],
    preferred: ['preferredforename', 'preferredname', 'knownas'],
    misId: ['staffcode', 'staffid', 'employeeid', 'misid', 'id'],
    email: ['email', 'workemail', 'emailaddress'],
    jobTitle: ['role', 'jobtitle', 'post'],
    phone: ['phone', 'telephone', 'mobile'],
    startDate: ['startdate', 'employmentstart', 'start'],
    leaveDate: ['leavedate', 'enddate', 'employmentend'],
  },
  parents: {
    given: ['contactforename', 'forename', 'firstname', 'givenname'],
    family: ['contactsurname', 'surname', 'lastname', 'familyname'],
    misId: ['contactid', 'misid', 'id'],
    email: ['email', 'emailaddress', 'contactemail'],
    phone: ['phone', 'telephone', 'mobile', 'contactphone'],
    pupilUpn: ['pupilupn', 'upn'],
    pupilMisId: ['pupilmisid', 'pupiladmissionno', 'admissionno', 'pupilid'],
    relationship: ['relationship', 'relation', 'relationshiptopupil'],
    parentalResponsibility: ['parentalresponsibility', 'pr'],
    noContact: ['nocontact', 'courtorder'],
  },
};

export const REQUIRED: Record<ImportKind, string[]> = {
  pupils: ['given', 'family', 'year'],
  staff: ['given', 'family'],
  parents: ['given', 'family'],
};

export const normaliseHeader = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '');
