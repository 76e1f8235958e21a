import { articleMarkdown } from '../../scripts/brown-folder';

/** An article file's text (front matter and body), as the team writes them; fields not given are left out. */
export const articleFile = (fields: { title: string; body: string; publisher?: string; published?: string; url?: string }) =>
  articleMarkdown({ publisher: null, published: null, url: null, tags: [], ...fields });
