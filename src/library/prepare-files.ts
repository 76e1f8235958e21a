import type { Analysis } from '../core/analysis';
import { prepareArticle, type PreparedArticle } from '../core/engine';
import { parseArticle } from '../core/knowledge';
import { readArticleFiles, type FileInfo } from './knowledge-folder';
import { digestOf } from './library-cache';

/** A file of the folder read and prepared for the engine, or why it cannot be served. */
export type PreparedFile = { problem: string } | { prepared: PreparedArticle; digest: string };

/** Reads, parses and prepares files, in order. */
export async function* prepareFiles(dir: string, files: readonly FileInfo[], analysis: Analysis): AsyncGenerator<PreparedFile> {
  for await (const { info, read } of readArticleFiles(dir, files)) {
    if ('reason' in read) {
      yield { problem: read.reason };
      continue;
    }
    const parsed = parseArticle(info.file, read.bytes);
    if ('reason' in parsed) yield { problem: parsed.reason };
    else yield { prepared: prepareArticle(parsed.article, analysis), digest: digestOf(read.bytes) };
  }
}
