export const MAX_QUESTION_LENGTH = 500;

export type QuestionCheck =
  | { ok: true; question: string }
  | { ok: false; problem: 'empty' | 'too-long' | 'not-text'; message: string };

// Control characters, zero-width characters and bidirectional overrides: they carry no meaning for
// search and can make a quoted question display differently from what it says.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

const GREETING_WORDS = String.raw`(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening|day)|salem|salam|сәлем|привет|здравствуйте)(?: (?:there|again|all|everyone|bot))?`;
const GREETING = new RegExp(String.raw`^${GREETING_WORDS}[\s!.,)]*$`, 'iu');
/** A greeting before a question: followed by punctuation, or by the question's first word. */
const OPENING_GREETING = new RegExp(
  String.raw`^${GREETING_WORDS}(?:\s*[!.,:;—–-]+\s*|\s+(?=(?:who|whom|whose|what|when|where|why|how|which|is|are|was|were|did|do|does|can|could|would|will|tell|please)\b))`,
  'iu',
);
const THANKS_WORDS = String.raw`(?:thanks?(?: you)?(?: (?:so|very) much)?(?: bot)?|thx|ty|cheers|рахмет|спасибо)`;
const ACKNOWLEDGEMENT_WORDS = String.raw`(?:${THANKS_WORDS}|ok(?:ay)?|great|cool|perfect|nice|got it|alright|all right)`;
/** Thanks or an acknowledgement alone ("Thank you!", "OK", "Great, thanks"). */
const ACKNOWLEDGEMENT = new RegExp(String.raw`^${ACKNOWLEDGEMENT_WORDS}(?:[\s!.,]+${ACKNOWLEDGEMENT_WORDS})*[\s!.,)]*$`, 'iu');
/** Thanks or an acknowledgement before the next question ("Thanks! And who …", "OK, when …"): followed by punctuation. */
const OPENING_ACKNOWLEDGEMENT = new RegExp(String.raw`^${ACKNOWLEDGEMENT_WORDS}\s*[!.,:;—–-]+\s*(?:(?:and|also|so|now|then)\s+)?`, 'iu');

/**
 * A request for help rather than a question about the articles: "help", "What can you do?", "How
 * does this work?". Searched for, "help" alone found a passage on what Kazakhstan offers.
 */
const HELP_REQUEST =
  /^(?:(?:please )?help(?: me)?(?: please)?|what (?:can|should) (?:you|i) (?:do|ask)(?: (?:here|you))?|what do you do|what are you|who are you|how (?:do i|does (?:this|it)|to) (?:use (?:this|you|it)(?: bot)?|work)|(?:list (?:the |of )?)?commands|menu|usage|помощь|помоги(?:те)?|справка|что ты умеешь)[\s!.?]*$/iu;

/** A message that is only a greeting, a thank-you or a request for help: answered as such, not searched for (nor counted as unanswered). */
export function smallTalkOf(question: string): 'greeting' | 'thanks' | 'help' | undefined {
  if (GREETING.test(question)) return 'greeting';
  if (ACKNOWLEDGEMENT.test(question)) return 'thanks';
  if (HELP_REQUEST.test(question.trim())) return 'help';
  return undefined;
}

/**
 * A request for the news itself, naming nothing: "What's new?", "Any news?", "latest articles",
 * "What happened this week?". Searched for, such words find nothing; the newest articles answer it.
 * Not "today" or "yesterday": those ask about a day, which the newest articles may not be of (see
 * asksAboutRecentDay).
 */
const NEWS_REQUEST =
  /^(?:what(?:'s|’s|s| is) (?:new|the latest)|(?:is there )?anything new|any (?:news|new articles?)|news|(?:(?:what|which) (?:are|is) |show(?: me)? |list )?(?:the )?(?:latest|newest|recent|new) (?:news|articles?|reports?)|what happened (?:this week|recently|lately)|(?:(?:please )?(?:summari[sz]e|give (?:me )?(?:a summary|an overview) of|(?:a )?summary of|(?:an )?overview of) )?(?:all )?the (?:articles|news|knowledge base|sources|library)|what(?:'s|’s|s| is) (?:in )?the news|что нового|(?:последние|свежие) новости)(?: (?:this week|in the (?:articles|news|knowledge base)))?[\s!.?]*$/iu;

/** Whether a message asks for the news itself, naming nothing (see NEWS_REQUEST). */
export function asksForNews(question: string): boolean {
  // Without a greeting or a polite opening: "Hi, can you tell me what's new?"
  return NEWS_REQUEST.test(whatIsAsked(question).trim());
}

/**
 * A sentence about the one asking, and nothing else, before the question: "I'm new on the team.",
 * "I'm preparing a briefing:", "I need this for a report.", "My question:". Not one that says what
 * is asked about ("I'm researching gallium. Which country offers it?"): it is part of the question.
 */
const ABOUT_THE_ASKER =
  /^(?:(?:i['’]m|i am|we['’]re|we are) (?:new(?: here| to the team| on the team| to this)?|(?:preparing|writing|drafting|putting together|working on) (?:a|an|the|my|our) (?:briefing|report|memo|note|summary|presentation|newsletter|article|story|piece))|i need (?:this|it|to know) for (?:a|an|my|our|the) (?:briefing|report|memo|meeting|presentation|story|article)|(?:my|our|one|a) (?:quick )?question(?: is)?)(?: (?:for|to) (?:my|our|the|a) \p{Ll}+(?: \p{Ll}+)?)?\s*[.!:;]+\s*(?=\S)/iu;

/** A polite opening before what is asked: "Can you tell me who …", "Do you know when …", "I'd like to know …", "Please …". */
const POLITE_OPENING =
  /^(?:(?:can|could|would|will) (?:you|someone|anyone) (?:please )?(?:tell|show|remind) me|(?:do|does) (?:you|anyone|anybody|someone) (?:happen to )?know|i(?: would|'d|’d)? (?:like|want|wish) to know|i(?:'m|’m| am) (?:wondering|curious)|please(?: (?:tell|show) me)?|tell me)\b[\s,:]*/iu;

/**
 * "What do the articles say about …", "Что пишут о …": a question about the knowledge base's
 * coverage of what follows, which is all it asks about (the articles do not say "articles" or "say").
 */
const TEXTS = String.raw`(?:the |our |your |any )?(?:articles?|sources?|news|reports?|documents?|knowledge base|library|press|coverage)`;
const COVERAGE_OPENING = new RegExp(
  String.raw`^(?:what (?:do|does|did|have|has) ${TEXTS} (?:say|said|tell(?: us| me)?|write|written|report(?:ed)?|mention(?:ed)?) (?:about|on|of|regarding|concerning)` +
    String.raw`|(?:do|does|did) ${TEXTS} (?:mention|cover|discuss|talk about|say anything about)` +
    String.raw`|(?:are|is) there (?:any )?(?:articles?|news|reports?|anything|something) (?:about|on|mentioning|that mentions?)` +
    String.raw`|(?:please )?(?:summari[sz]e|give (?:me )?a summary of|(?:a )?summary of|explain|describe)` +
    String.raw`|что (?:пишут|писали|говорят|говорится|сказано|написано|известно|сообщают)(?: (?:в )?(?:статьях|статьи|источниках|источники|новостях|новости|прессе|материалах|базе знаний))? (?:о|об|обо|про))\s+`,
  'iu',
);
/** "Is China mentioned?", "Are rare earths mentioned in the articles?": asks about China, rare earths. */
const MENTIONED = new RegExp(String.raw`^(?:is|are) (.+?) (?:mentioned|covered|discussed)(?: (?:in|by) ${TEXTS})?\s*\??$`, 'iu');

/**
 * What a question asks, without a greeting, thanks or a polite opening before it ("Hello, can you
 * tell me who signed the MOU?" and "Thanks! And who signed it?" ask "who signed …"), nor a question
 * about coverage around it ("What do the articles say about tungsten?" asks about tungsten): none is
 * what is asked about, and the question word must come first for the kind of answer to be read from it.
 */
export function whatIsAsked(question: string): string {
  let rest = question;
  // "Great, thanks. Hello again: can you tell me …", "Hi! I'm new here. Who …": each opening in turn, a few at most.
  for (let i = 0; i < 4; i++) {
    const shorter = rest.replace(OPENING_GREETING, '').replace(OPENING_ACKNOWLEDGEMENT, '').replace(ABOUT_THE_ASKER, '');
    if (shorter === rest) break;
    rest = shorter;
  }
  rest = rest.replace(POLITE_OPENING, '').replace(COVERAGE_OPENING, '').replace(MENTIONED, '$1');
  return /[\p{L}\p{N}]/u.test(rest) ? rest : question;
}

/** Cleans a question typed by a person and checks that it can be searched. Never throws. */
export function checkQuestion(raw: unknown): QuestionCheck {
  const text = typeof raw === 'string' ? raw : '';
  const cleaned = text.replace(LONE_SURROGATE, '').replace(INVISIBLE, ' ').replace(/\s+/gu, ' ').trim();
  if (cleaned === '') {
    return { ok: false, problem: 'empty', message: 'The question is empty. Ask something like "Who signed the memorandum?"' };
  }
  if (cleaned.length > MAX_QUESTION_LENGTH) {
    return {
      ok: false,
      problem: 'too-long',
      message: `The question is ${cleaned.length} characters long; the limit is ${MAX_QUESTION_LENGTH}. Ask it in fewer words.`,
    };
  }
  const replacement = (cleaned.match(/\uFFFD/gu) ?? []).length;
  if (!/[\p{L}\p{N}$%]/u.test(cleaned) || replacement > cleaned.length / 4) {
    return { ok: false, problem: 'not-text', message: 'That does not look like a question: it has no words to search for.' };
  }
  return { ok: true, question: cleaned };
}
