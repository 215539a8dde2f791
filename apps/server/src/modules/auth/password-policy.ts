import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import { AppError } from '../../lib/errors.js';

/**
 * Strong passwords (policy 7.2). Adults (staff, parents, visitors): 12+ characters, not on the common list,
 * and a zxcvbn strength score of 3 or more. KS2 pupils (All Souls' 7.2, clarification 10): 8+ characters and
 * not on the common list. Every refusal says exactly what to change.
 */
export type PasswordRule = 'adult' | 'pupil';

export const PASSWORD_RULES = {
  adult: { minLength: 12, minScore: 3 },
  pupil: { minLength: 8, minScore: 0 },
} as const satisfies Record<PasswordRule, { minLength: number; minScore: number }>;

const MAX_LENGTH = 200;

zxcvbnOptions.setOptions({
  translations: zxcvbnEn.translations,
  graphs: zxcvbnCommon.adjacencyGraphs,
  dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
});

// Shipped in the repository (assets/common-passwords.txt; see scripts/build-common-passwords.mjs for its
// source); src/ and dist/ sit at the same depth, so one relative path serves both.
const LIST_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../assets/common-passwords.txt',
);
let common: Set<string> | undefined;
function commonList(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(LIST_FILE, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
  return common;
}

/** On the list as typed, or once the digits and symbols people tack on the end are taken off. */
export function isCommonPassword(password: string): boolean {
  const list = commonList();
  const lower = password.toLowerCase();
  const stem = lower.replace(/[^a-z]+$/, '');
  return list.has(lower) || (stem.length >= 6 && list.has(stem));
}

/** The first thing wrong with a password, as a sentence saying what to change; null when it is strong. */
export function passwordProblem(
  password: string,
  rule: PasswordRule,
  userInputs: readonly string[] = [],
): string | null {
  const { minLength, minScore } = PASSWORD_RULES[rule];
  const length = [...password].length;
  if (length < minLength)
    return `Use at least ${minLength} characters: this password has ${length}. A few unrelated words make a long password that is easy to remember.`;
  if (length > MAX_LENGTH) return `Use at most ${MAX_LENGTH} characters.`;
  if (isCommonPassword(password))
    return 'This password is on the list of common or breached passwords: choose one that nobody else would pick.';
  const inputs = userInputs.map((s) => s.toLowerCase()).filter((s) => s.length >= 3);
  const lower = password.toLowerCase();
  if (inputs.some((s) => lower.includes(s))) return 'Do not use your name or username in your password.';
  if (minScore > 0) {
    const result = zxcvbn(password, [...inputs]);
    if (result.score < minScore) {
      const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
      return `This password is too easy to guess (strength ${result.score} of 4; it needs ${minScore}). ${advice || 'Add another uncommon word or two.'}`.trim();
    }
  }
  return null;
}

/** Throws a validation error naming the field and what to change. */
export function assertStrongPassword(
  password: string,
  rule: PasswordRule,
  userInputs: readonly string[] = [],
  field = 'password',
): void {
  const problem = passwordProblem(password, rule, userInputs);
  if (problem) throw new AppError('validation', problem, [{ path: field, message: problem }]);
}
