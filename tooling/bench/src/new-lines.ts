import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/**
 * The lines of a later load that an earlier one does not have, when the earlier load's lines all
 * appear in the later one in the same order (a generator that writes per user interleaves a
 * day's new events between the rows already loaded). One pass over both, constant memory.
 * Throws when the earlier load is not such a subsequence: the append would then not be "the
 * same rows plus new ones" and incremental-equals-full-refresh would test nothing.
 * @example await Array.fromAsync(newLines(['h', 'a', 'c'], ['h', 'a', 'b', 'c', 'd'])) // ['b', 'd']
 */
export async function* newLines(earlier: AsyncIterable<string> | Iterable<string>, later: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  // Both iterators are taken before the first await: a readline interface emits lines as soon
  // as its file is read, and those emitted before its iterator exists are lost.
  const pending = iteratorOf(earlier);
  const incoming = iteratorOf(later);
  let next = await pending.next();
  let matched = 0;
  for (let line = await incoming.next(); !line.done; line = await incoming.next()) {
    if (!next.done && line.value === next.value) {
      matched++;
      next = await pending.next();
    } else {
      yield line.value;
    }
  }
  if (!next.done) throw new Error(`the earlier load is not contained in the later one in order: its line ${matched + 1} (${JSON.stringify(next.value).slice(0, 120)}) was not found`);
}

function iteratorOf(lines: AsyncIterable<string> | Iterable<string>): AsyncIterator<string> | Iterator<string> {
  return Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : lines[Symbol.iterator]();
}

/** A text file's lines, streamed. */
function linesOf(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
}

/**
 * Writes to `outFile` the lines of `laterFile` that `earlierFile` does not have (see newLines),
 * and returns how many there were.
 * @example await writeNewLines('first/watch_history.csv', 'later/watch_history.csv', 'appended.csv') // 87573
 */
export async function writeNewLines(earlierFile: string, laterFile: string, outFile: string): Promise<number> {
  const out = createWriteStream(outFile, 'utf8');
  let count = 0;
  for await (const line of newLines(linesOf(earlierFile), linesOf(laterFile))) {
    if (line === '') continue;
    count++;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return count;
}
