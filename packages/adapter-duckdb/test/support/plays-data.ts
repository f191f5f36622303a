/**
 * A deterministic stream of music plays, one load batch per day, with the dirt real event
 * exports have: events re-sent in a later batch (duplicates) and plays that arrive a day late.
 */
export interface Play {
  event_id: number;
  user_id: number;
  track_id: number;
  played_at: string;
  ms_played: number;
  loaded_at: string;
}

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (day: number, seconds: number) => `2024-03-${pad(day)} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;

/** Plays loaded in batches for days 1..`days` (batch `d` loads at 23:59:59 of day `d`). */
export function generatePlays(days: number, perDay = 600, seed = 7): Play[] {
  const rand = random(seed);
  const plays: Play[] = [];
  let nextId = 1;
  for (let day = 1; day <= days; day++) {
    const loadedAt = stamp(day, 86399);
    const count = perDay + Math.floor(rand() * perDay * 0.2);
    for (let i = 0; i < count; i++) {
      // 3% of plays happened the day before and arrive late, in this batch.
      const late = day > 1 && rand() < 0.03;
      const play: Play = {
        event_id: nextId++,
        user_id: 1 + Math.floor(rand() * 150),
        track_id: 1 + Math.floor(rand() * 2000),
        played_at: stamp(late ? day - 1 : day, Math.floor(rand() * 86000)),
        ms_played: Math.floor(rand() * 240_000),
        loaded_at: loadedAt,
      };
      plays.push(play);
      // 1% of events are sent again in the next batch, unchanged (always drawn, so that
      // generatePlays(n) is a prefix of generatePlays(n + 1)).
      if (rand() < 0.01) plays.push({ ...play, loaded_at: stamp(day + 1, 86399) });
    }
  }
  return plays.filter((p) => p.loaded_at <= stamp(days, 86399));
}

/** The plays as the CSV a seed loads. */
export function playsCsv(plays: Play[]): string {
  return ['event_id,user_id,track_id,played_at,ms_played,loaded_at', ...plays.map((p) => `${p.event_id},${p.user_id},${p.track_id},${p.played_at},${p.ms_played},${p.loaded_at}`)].join('\n') + '\n';
}
