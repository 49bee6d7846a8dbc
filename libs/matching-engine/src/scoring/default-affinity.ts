/** The default affinity table: the catalogue's issue type x discipline table (integers 0..100). */
import { affinity } from '@civic/catalogue';
import type { AffinityFn } from '../model/engine-options';

export const defaultAffinity: AffinityFn = affinity;
