// The query side of the workbook's search (see search.rs, which appends this file to the search
// index). It splits a query exactly as `tokens` in search.rs split the book when it was indexed:
// lowercase runs of letters, digits and `_`; a run of Hangul becomes its bigrams (에러를 → 에러,
// 러를), or itself if it is one syllable. elasticlunr.js calls `elasticlunr.tokenizer` on every
// query, so replacing it here, as the index loads, reaches every search.
(function () {
    'use strict';
    // The same ranges as `is_hangul` in search.rs; `\p{Alphabetic}\p{N}` is Rust's `is_alphanumeric`.
    const H = '\\uAC00-\\uD7A3\\u1100-\\u11FF\\u3130-\\u318F';
    const HANGUL = new RegExp('[' + H + ']', 'u');
    const PIECES = new RegExp('[' + H + ']+|(?:(?![' + H + '])[\\p{Alphabetic}\\p{N}_])+', 'gu');

    function tokens(text) {
        const out = [];
        for (const [piece] of String(text).matchAll(PIECES)) {
            const chars = Array.from(piece);
            if (!HANGUL.test(chars[0])) {
                out.push(piece.toLowerCase());
            } else if (chars.length === 1) {
                out.push(piece);
            } else {
                for (let i = 0; i + 1 < chars.length; i++) {
                    out.push(chars[i] + chars[i + 1]);
                }
            }
        }
        return out;
    }

    elasticlunr.tokenizer = function (query) {
        if (query === null || query === undefined) {
            return [];
        }
        return Array.isArray(query) ? query.flatMap(tokens) : tokens(query);
    };
})();
