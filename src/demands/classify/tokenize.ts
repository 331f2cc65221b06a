/**
 * Text → classifier features: jieba words (stop words, names and masked place fragments removed),
 * plus the character bigrams and single characters of the remaining content, so that a word never
 * seen in training (升降梯, 暖器, 野狗) still shares features with the words that were (电梯, 暖气, 狗).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { STOP_WORDS } from './stopwords.ts';

/**
 * Changes whenever segmentation or filtering changes: a model file records it, because features
 * from a different tokenizer would silently not match.
 */
export const TOKENIZER_VERSION = 'jieba2+dict1+pos1';

// Domain words (taxonomy keywords and common hotline terms) get a high frequency so that jieba keeps
// them whole: without it 路灯不亮 segments as 路|灯不亮 and 飞线充电 as 飞|线|充电.
const DOMAIN_WORD_FREQ = 20000;
/** Part-of-speech tag given to domain words new to jieba (jieba keeps its own tag for known ones). */
const DOMAIN_TAG = 'n';

/**
 * jieba (ICTCLAS) tags whose words never indicate a category: place and person names (the place
 * is routed by geolocation, and real data masks them anyway), numerals, pronouns, prepositions,
 * conjunctions, particles, adverbs, locality words, interjections, punctuation and Latin strings
 * (A3区, XX路 masks).
 */
const DROPPED_TAGS: ReadonlySet<string> = new Set(
  'ns nr nrt nrfg r p c u uj ul uz ug ud uv d f s y e o x eng q zg'.split(' '),
);

let shared: { jieba: Jieba; domain: ReadonlySet<string> } | undefined;

/**
 * The one Jieba instance of the process, with the domain words it must keep whole. Loading the 5 MB
 * dictionary costs ~200 ms, so it happens on first use, not on import.
 */
function engine(): { jieba: Jieba; domain: ReadonlySet<string> } {
  if (shared) return shared;
  const require = createRequire(import.meta.url);
  const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
  const instance = Jieba.withDict(dict);
  const words = readFileSync(new URL('./data/user-dict.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((w) => w.trim())
    .filter((w) => w.length > 0 && !w.startsWith('#'));
  instance.loadDict(Buffer.from(words.map((w) => `${w} ${DOMAIN_WORD_FREQ} ${DOMAIN_TAG}`).join('\n')));
  shared = { jieba: instance, domain: new Set(words) };
  return shared;
}

const HAN = /\p{Script=Han}/u;
// Bare numbers and counted amounts (十四, 三个月, 两天) say nothing about the category.
const NUMERIC = /^[零〇一二三四五六七八九十百千万亿两半几多]+[个天年月日号次点分楼层岁元块度周位条辆家户]*$/u;

/** NFKC folds full-width letters, digits and punctuation, so 'Ａ３区' and 'A3区' segment alike. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A segmented word with its part-of-speech tag. */
export interface TaggedToken {
  word: string;
  tag: string;
}

/** Raw jieba segmentation with POS tags (dictionary only, no HMM: guessed words make unstable features). */
export function segment(text: string): TaggedToken[] {
  return engine().jieba.tag(normalizeText(text), false);
}

/**
 * True for a token that can carry meaning: a Han word that is not a stop word, number or name.
 * Domain words are kept whatever their tag: jieba's dictionary tags 井盖 as a person name.
 */
function meaningful({ word, tag }: TaggedToken, domain: ReadonlySet<string>): boolean {
  if (!HAN.test(word) || STOP_WORDS.has(word) || NUMERIC.test(word)) return false;
  return domain.has(word) || !DROPPED_TAGS.has(tag);
}

/**
 * jieba's tag of a word is a property of the word (its dictionary tag, else one derived from its
 * characters), and `tag` segments exactly as `cut` does: so the meaning test of a Han word is
 * memoised, and a text is segmented with `cut`, whose plain strings cross from Rust ≈ 3× faster than
 * tagged objects (docs/decisions/perf-classify.md; identical features on 10 000 texts). The memo holds
 * Han words only (a bounded vocabulary), and is dropped if it ever grows past MEMO_LIMIT.
 */
const meaningMemo = new Map<string, boolean>();
const MEMO_LIMIT = 200_000;

/** Whether a Han word cut from a text is meaningful, or undefined when jieba cuts it differently alone. */
function meaningfulWord(word: string, jieba: Jieba, domain: ReadonlySet<string>): boolean | undefined {
  const known = meaningMemo.get(word);
  if (known !== undefined) return known;
  const alone = jieba.tag(word, false);
  const only = alone.length === 1 ? alone[0] : undefined;
  if (only?.word !== word) return undefined;
  const meaning = meaningful(only, domain);
  if (meaningMemo.size >= MEMO_LIMIT) meaningMemo.clear();
  meaningMemo.set(word, meaning);
  return meaning;
}

const charsMemo = new Map<string, string[]>();
/** The Han characters of a meaningful word (memoised like its meaning; callers do not mutate it). */
function hanChars(word: string): string[] {
  let cs = charsMemo.get(word);
  if (!cs) {
    cs = [...word].filter((c) => HAN.test(c));
    if (charsMemo.size >= MEMO_LIMIT) charsMemo.clear();
    charsMemo.set(word, cs);
  }
  return cs;
}

/** The text's words, each with whether it is meaningful (what extractFeatures reads of `segment`). */
function meaningfulTokens(text: string): { word: string; keep: boolean }[] {
  const { jieba, domain } = engine();
  const normalized = normalizeText(text);
  const words = jieba.cut(normalized, false);
  const out: { word: string; keep: boolean }[] = [];
  for (const word of words) {
    // The memo first: it answers for every Han word seen before, without the Unicode regex.
    const keep = meaningMemo.get(word) ?? (HAN.test(word) ? meaningfulWord(word, jieba, domain) : false);
    // Never seen: a word that jieba would cut differently on its own; fall back to tagging the text.
    if (keep === undefined) return segment(text).map((t) => ({ word: t.word, keep: meaningful(t, domain) }));
    out.push({ word, keep });
  }
  return out;
}

/** Features of one text, before weighting. */
export interface TextFeatures {
  /** Meaningful jieba words, in text order, repeats kept. */
  words: string[];
  /** Character bigrams inside long words and inside runs of single-character words. */
  bigrams: string[];
  /** The Han characters of the meaningful words: the last resort for unseen words (升降梯 → 梯). */
  chars: string[];
}

/**
 * Segments a text and extracts its features. Bigrams come from inside long words (占道经营 → 占道,
 * 道经, 经营) and from runs of single characters, which is how an unknown word falls apart (野|狗 →
 * 野狗); they never join two known words, whose pairing is accidental. Stop words and punctuation
 * add nothing, so the boilerplate of a work order (您好，市民来电反映) has no features at all.
 */
export function extractFeatures(text: string): TextFeatures {
  return featuresOf(meaningfulTokens(text));
}

/** extractFeatures straight from `segment` (the tagged path): the reference the fast path must equal. */
export function extractFeaturesByTagging(text: string): TextFeatures {
  const { domain } = engine();
  return featuresOf(segment(text).map((t) => ({ word: t.word, keep: meaningful(t, domain) })));
}

function featuresOf(tokens: { word: string; keep: boolean }[]): TextFeatures {
  const words: string[] = [];
  const bigrams: string[] = [];
  const chars: string[] = [];
  const pairs = (cs: string[]) => {
    for (let i = 0; i + 1 < cs.length; i++) bigrams.push(`${cs[i]}${cs[i + 1]}`);
  };
  let singles: string[] = [];
  const flush = () => {
    pairs(singles);
    singles = [];
  };
  for (const token of tokens) {
    if (!token.keep) {
      flush();
      continue;
    }
    const cs = hanChars(token.word);
    words.push(token.word);
    chars.push(...cs);
    if (cs.length === 1) {
      singles.push(token.word);
    } else {
      flush();
      if (cs.length >= 3) pairs(cs);
    }
  }
  flush();
  return { words, bigrams, chars };
}

/** The meaningful words of a text (what explanations and keyword seeds are made of). */
export function tokenize(text: string): string[] {
  return extractFeatures(text).words;
}
