import { describe, expect, it } from 'vitest';
import { isCommonPassword, passwordProblem } from './password-policy.js';

describe('password policy (policy 7.2)', () => {
  it('asks adults for 12+ characters and says how many there are', () => {
    expect(passwordProblem('Short1!', 'adult')).toMatch(/at least 12 characters: this password has 7/);
  });

  it('refuses passwords on the shipped common list, also with digits tacked on', () => {
    expect(isCommonPassword('baseball')).toBe(true);
    expect(isCommonPassword('Football')).toBe(true);
    expect(isCommonPassword('sunshine123!')).toBe(true);
    expect(passwordProblem('password1234', 'adult')).toMatch(/common or breached/);
    expect(passwordProblem('football', 'pupil')).toMatch(/common or breached/);
  });

  it('refuses a long but guessable adult password with zxcvbn advice', () => {
    const p = passwordProblem('aaaaaaaaaaaaaaaa', 'adult');
    expect(p).toMatch(/too easy to guess \(strength [0-2] of 4; it needs 3\)/);
  });

  it('refuses a password containing the username', () => {
    expect(passwordProblem('morgan-elderfield-harbour-7', 'adult', ['morgan'])).toMatch(/name or username/);
  });

  it('accepts a strong adult passphrase and a pupil password of 8+ characters not on the list', () => {
    expect(passwordProblem('copper-lantern-drizzle-91', 'adult')).toBeNull();
    expect(passwordProblem('otterpie7', 'pupil')).toBeNull();
    expect(passwordProblem('otter7', 'pupil')).toMatch(/at least 8/);
  });
});
