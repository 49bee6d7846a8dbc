import { UNIVERSITIES } from '../catalogue';
import { syntheticPersonName } from './names';
import { hash32, Prng } from './prng';

/** A university's coordinator in a generated season (what `npm start` sets through expert-pool). */
export interface SeasonCoordinator {
  universityId: string;
  /** At example.org (reserved for examples): no real mailbox is ever written to. */
  email: string;
  name: string;
  language: 'zh-CN' | 'en';
}

/** Universities whose generated coordinator reads English, so a season shows mails in both languages. */
const ENGLISH_READERS = new Set(['sjtu', 'sufe']);

/** One coordinator per university of the catalogue, the same for every seed (synthetic names, marked as such). */
export function seasonCoordinators(): SeasonCoordinator[] {
  return UNIVERSITIES.map((u) => {
    const name = syntheticPersonName(new Prng(hash32(`coordinator:${u.id}`)));
    const language = ENGLISH_READERS.has(u.id) ? 'en' : 'zh-CN';
    return { universityId: u.id, email: `${u.id}-coordinator@example.org`, name: language === 'en' ? name.en : name.zh, language };
  });
}
