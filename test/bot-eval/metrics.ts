import type { EvalQuestion } from './eval-files';

/** What a system did first with a question: answered with an article, asked which one, or neither. */
export type FirstAction = { kind: 'answer'; articleId: string } | { kind: 'clarify'; articleIds: string[] } | { kind: 'none' };

export type Metrics = {
  n: number;
  /** Answered directly with the expected article, or (expected null) gave no answer. */
  top1: number;
  /** top1, plus clarifying questions of at most 3 choices that include the expected article. */
  resolved: number;
  clarifyRate: number;
  answerRate: number;
  /** Answered directly with an article other than the expected one (or where none was expected). */
  wrongRate: number;
  /** Of the questions given no answer (a miss or a handoff), the share that needed a person. */
  handoffPrecision: number | null;
  /** Of the questions that needed a person, the share given no answer. */
  handoffRecall: number | null;
};

const MAX_CHOICES = 3;

/** Scores first actions against the labels. */
export function score(questions: readonly EvalQuestion[], actions: readonly FirstAction[]): Metrics {
  const n = questions.length;
  let top1 = 0;
  let clarifiedRight = 0;
  let clarify = 0;
  let answer = 0;
  let wrong = 0;
  let none = 0;
  let noneRight = 0;
  let needPerson = 0;
  questions.forEach((q, i) => {
    const a = actions[i]!;
    if (q.expect === null) needPerson++;
    if (a.kind === 'answer') {
      answer++;
      if (a.articleId === q.expect) top1++;
      else wrong++;
    } else if (a.kind === 'clarify') {
      clarify++;
      if (q.expect !== null && a.articleIds.length <= MAX_CHOICES && a.articleIds.includes(q.expect)) clarifiedRight++;
    } else {
      none++;
      if (q.expect === null) {
        top1++;
        noneRight++;
      }
    }
  });
  const share = (k: number) => (n === 0 ? 0 : round(k / n));
  return {
    n,
    top1: share(top1),
    resolved: share(top1 + clarifiedRight),
    clarifyRate: share(clarify),
    answerRate: share(answer),
    wrongRate: share(wrong),
    handoffPrecision: none === 0 ? null : round(noneRight / none),
    handoffRecall: needPerson === 0 ? null : round(noneRight / needPerson),
  };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
