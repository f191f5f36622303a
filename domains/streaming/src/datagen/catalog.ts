import type { Rng } from '@strata/datagen';

/** One title of the catalogue, as the content service stores it. */
export interface Show {
  show_id: string;
  title: string;
  show_type: 'series' | 'film';
  genre: string;
  release_year: number;
  runtime_minutes: number;
}

const ADJECTIVES = ['Silent', 'Crimson', 'Last', 'Hidden', 'Broken', 'Golden', 'Northern', 'Electric', 'Quiet', 'Wild', 'Frozen', 'Lost'];
const NOUNS = ['Harbor', 'Signal', 'Kingdom', 'Orchard', 'Protocol', 'Frontier', 'Archive', 'Tide', 'Empire', 'Garden', 'Circuit', 'Lighthouse'];
/** Genres of the catalogue (stg_shows accepts exactly these). */
export const GENRES = ['drama', 'comedy', 'documentary', 'thriller', 'kids', 'scifi'] as const;

/** Generates the catalogue: series episodes of 22–60 minutes and films of 85–150 minutes. */
export function generateShows(rng: Rng, count: number): Show[] {
  const shows: Show[] = [];
  for (let i = 1; i <= count; i++) {
    const type = rng.chance(0.6) ? 'series' : 'film';
    shows.push({
      show_id: `s${String(i).padStart(4, '0')}`,
      title: `The ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}${i > ADJECTIVES.length * NOUNS.length ? ` ${i}` : ''}`,
      show_type: type,
      genre: rng.pick(GENRES),
      release_year: rng.int(1995, 2024),
      runtime_minutes: type === 'series' ? rng.int(22, 60) : rng.int(85, 150),
    });
  }
  return shows;
}

/** Popularity weights that fall off like a Zipf law: a few hits, a long tail. */
export function popularityWeights(shows: Show[]): Array<readonly [Show, number]> {
  return shows.map((show, i) => [show, 1 / Math.pow(i + 1, 0.9)] as const);
}
