// fastscan ships no types; the bench uses only its constructor and search().
declare module 'fastscan' {
  class FastScanner {
    constructor(words: string[]);
    search(content: string, options?: { quick?: boolean; longest?: boolean }): [number, string][];
  }
  export = FastScanner;
}
