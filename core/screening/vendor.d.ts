// The repo resolves modules the node10 way, which ignores package "exports"; these subpath
// entries exist at run time (node, jest and esbuild all honour "exports"), so declare them here.

declare module '@monyone/aho-corasick/fast' {
  export class AhoCorasick {
    constructor(keywords: string[]);
    hasKeywordInText(text: string): boolean;
    matchInText(text: string): { begin: number; end: number; keyword: string }[];
  }
}

declare module 'opencc-js/t2cn' {
  export { Locale } from 'opencc-js';
}
