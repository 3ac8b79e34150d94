/** One malformed input of the bad-input catalogue (see catalogue.test.ts). */
export interface BadInputCase {
  /** what is wrong, in words (the test's name) */
  name: string;
  /** files to create in a fresh temporary folder before the run: name -> content */
  files?: Record<string, string | Buffer>;
  /** the CLI arguments; `dir` is the temporary folder holding `files` */
  args: (dir: string) => string[];
  /** the message expected on stderr (a substring, or a pattern) */
  message: string | RegExp;
  /** the exit code (default 2) */
  exit?: number;
  /** names (in `dir`) of files whose bytes must be unchanged after the run */
  untouched?: string[];
  /** extra environment variables for the run */
  env?: Record<string, string>;
}
