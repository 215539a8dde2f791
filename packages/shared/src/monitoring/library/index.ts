import { parseLibrary } from '../library-dsl.js';
import { mergeLibraries, type PhraseLibrary } from '../library-types.js';
import { AR } from './ar.js';
import { CY } from './cy.js';
import { EN_HARM } from './en-harm.js';
import { EN_CONTEXTS, EN_INNOCENT } from './en-innocent.js';
import { EN_SEXUAL } from './en-sexual.js';
import { EN_SUBSTANCES } from './en-substances.js';
import { EN_TERMS } from './en-terms.js';
import { EN_VIOLENCE } from './en-violence.js';
import { PL } from './pl.js';
import { RO } from './ro.js';
import { UR } from './ur.js';

let cached: PhraseLibrary | null = null;

/**
 * Harbour's built-in phrase library: English, Polish, Romanian, Urdu (romanised and script), Arabic and
 * Welsh. Parsed once on first use (a few milliseconds).
 */
export function builtInLibrary(): PhraseLibrary {
  cached ??= mergeLibraries(
    parseLibrary(
      'en',
      [EN_TERMS, EN_HARM, EN_SEXUAL, EN_VIOLENCE, EN_SUBSTANCES, EN_INNOCENT, EN_CONTEXTS].join('\n'),
    ),
    parseLibrary('pl', PL),
    parseLibrary('ro', RO),
    parseLibrary('ur', UR),
    parseLibrary('ar', AR),
    parseLibrary('cy', CY),
  );
  return cached;
}
