// Allow comments: `speech-api-allow` in a comment on the same line, or `speech-api-allow-next-line` in a
// comment on the line before, in any comment syntax (//, #, /* */, <!-- -->, --, ;, %).

export const ALLOW_MARKER = 'speech-api-allow';
export const ALLOW_NEXT_LINE_MARKER = 'speech-api-allow-next-line';

const COMMENT_OPENERS = ['//', '#', '/*', '<!--', '--', ';', '%'];
const NEXT_LINE_SUFFIX = '-next-line';

export interface AllowMarkers {
  readonly sameLine: boolean;
  readonly nextLine: boolean;
}

const NONE: AllowMarkers = { sameLine: false, nextLine: false };

/** Which allow markers a line carries (only those that follow a comment opener count). */
export function allowMarkers(line: string): AllowMarkers {
  let at = line.indexOf(ALLOW_MARKER);
  if (at < 0) return NONE;
  let sameLine = false;
  let nextLine = false;
  while (at >= 0) {
    const after = at + ALLOW_MARKER.length;
    const inComment = COMMENT_OPENERS.some((o) => {
      const i = line.indexOf(o);
      return i >= 0 && i < at;
    });
    if (inComment) {
      if (line.startsWith(NEXT_LINE_SUFFIX, after) && !isWordChar(line.charCodeAt(after + NEXT_LINE_SUFFIX.length))) nextLine = true;
      else if (!isWordChar(line.charCodeAt(after)) && line[after] !== '-') sameLine = true;
    }
    at = line.indexOf(ALLOW_MARKER, after);
  }
  return { sameLine, nextLine };
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}
