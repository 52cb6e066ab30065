import { POLL_QUESTION_TYPES, type FieldErrors, type PollAnswer, type PollQuestion } from '@app/contracts';

/** Polls (M5) as pure rules: what a poll may ask, and whether a response answers it. */
export const POLL_LIMITS = { questions: 50, options: 50, text: 500, answerText: 2000 };
const QUESTION_ID = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** The questions of a new poll, with default ids q1, q2, …, or errors by path (`questions[1].options`). */
export function normalizeQuestions(raw: unknown): { questions: PollQuestion[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const add = (path: string, message: string) => (errors[path] = [...(errors[path] ?? []), message]);
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > POLL_LIMITS.questions) {
    return { questions: [], errors: { questions: [`must be a list of 1-${POLL_LIMITS.questions} questions`] } };
  }
  const questions: PollQuestion[] = [];
  const ids = new Set<string>();
  raw.forEach((q, i) => {
    const at = `questions[${i}]`;
    if (!isObject(q)) return add(at, 'must be a question { text, type, options?, required? }');
    for (const key of Object.keys(q)) if (!['id', 'text', 'type', 'options', 'required'].includes(key)) add(`${at}.${key}`, `${key} is not allowed`);
    const id = q.id === undefined ? `q${i + 1}` : q.id;
    if (typeof id !== 'string' || !QUESTION_ID.test(id)) add(`${at}.id`, 'must be 1-40 letters, digits, _ or -, starting with a letter');
    else if (ids.has(id)) add(`${at}.id`, `${id} is used by another question`);
    else ids.add(id);
    if (!text(q.text, POLL_LIMITS.text)) add(`${at}.text`, `must be a text of 1-${POLL_LIMITS.text} characters`);
    const type = q.type as PollQuestion['type'];
    if (!POLL_QUESTION_TYPES.includes(type)) add(`${at}.type`, `must be one of ${POLL_QUESTION_TYPES.join(', ')}`);
    const choice = type === 'single_choice' || type === 'multiple_choice';
    let options: string[] | null = null;
    if (choice) {
      const list = q.options;
      if (!Array.isArray(list) || list.length < 2 || list.length > POLL_LIMITS.options || !list.every((o) => text(o, 200))) {
        add(`${at}.options`, `a choice question needs 2-${POLL_LIMITS.options} options of 1-200 characters`);
      } else if (new Set(list.map((o: string) => o.trim())).size !== list.length) {
        add(`${at}.options`, 'options must differ');
      } else options = list.map((o: string) => o.trim());
    } else if (q.options !== undefined) add(`${at}.options`, 'only choice questions have options');
    if (q.required !== undefined && typeof q.required !== 'boolean') add(`${at}.required`, 'must be true or false');
    questions.push({ id: String(id), text: typeof q.text === 'string' ? q.text.trim() : '', type, options, required: q.required !== false });
  });
  return { questions, errors };
}

/** The answers of a response, checked against the poll's questions, or errors by path (`answers.q2`). */
export function checkAnswers(questions: PollQuestion[], raw: unknown): { answers: Record<string, PollAnswer>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const add = (path: string, message: string) => (errors[path] = [...(errors[path] ?? []), message]);
  if (!isObject(raw)) return { answers: {}, errors: { answers: ['must be an object of question id → answer'] } };
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const key of Object.keys(raw)) if (!byId.has(key)) add(`answers.${key}`, `the poll has no question ${key}`);
  const answers: Record<string, PollAnswer> = {};
  for (const q of questions) {
    const at = `answers.${q.id}`;
    const value = raw[q.id];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0) || value === '') {
      if (q.required) add(at, 'is required');
      continue;
    }
    switch (q.type) {
      case 'single_choice':
        if (typeof value !== 'string' || !q.options!.includes(value)) add(at, `must be one of ${q.options!.join(', ')}`);
        else answers[q.id] = value;
        break;
      case 'multiple_choice':
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && q.options!.includes(v)) || new Set(value).size !== value.length) {
          add(at, `must be a list of different options from ${q.options!.join(', ')}`);
        } else answers[q.id] = value as string[];
        break;
      case 'text':
        if (!text(value, POLL_LIMITS.answerText)) add(at, `must be a text of at most ${POLL_LIMITS.answerText} characters`);
        else answers[q.id] = value.trim();
        break;
      case 'rating':
        if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 5) add(at, 'must be a whole number from 1 to 5');
        else answers[q.id] = value as number;
        break;
    }
  }
  return { answers, errors };
}
