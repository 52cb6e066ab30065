import { checkAnswers, normalizeQuestions } from './poll-rules';

describe('poll rules', () => {
  const { questions } = normalizeQuestions([
    { text: 'How did you hear of us?', type: 'single_choice', options: ['Friend', 'Web', 'Radio'] },
    { id: 'likes', text: 'What do you like?', type: 'multiple_choice', options: ['Price', 'Staff', 'Music'], required: false },
    { text: 'Rate us', type: 'rating' },
    { text: 'Anything else?', type: 'text', required: false },
  ]);

  it('gives questions ids and keeps options', () => {
    expect(questions.map((q) => q.id)).toEqual(['q1', 'likes', 'q3', 'q4']);
    expect(questions[0]).toMatchObject({ type: 'single_choice', options: ['Friend', 'Web', 'Radio'], required: true });
    expect(questions[2].options).toBeNull();
  });

  it('refuses polls without questions, choices without options, duplicate ids, and unknown fields', () => {
    expect(normalizeQuestions([]).errors).toHaveProperty('questions');
    const { errors } = normalizeQuestions([
      { text: 'Pick', type: 'single_choice', options: ['Only one'] },
      { id: 'a', text: 'A', type: 'text', options: ['x', 'y'] },
      { id: 'a', text: 'B', type: 'rating', weight: 2 },
      { text: '', type: 'essay' },
    ]);
    expect(Object.keys(errors).sort()).toEqual([
      'questions[0].options',
      'questions[1].options',
      'questions[2].id',
      'questions[2].weight',
      'questions[3].text',
      'questions[3].type',
    ]);
  });

  it('accepts answers that fit the questions, skipping optional ones', () => {
    const { answers, errors } = checkAnswers(questions, { q1: 'Web', likes: ['Price', 'Music'], q3: 4 });
    expect(errors).toEqual({});
    expect(answers).toEqual({ q1: 'Web', likes: ['Price', 'Music'], q3: 4 });
  });

  it('reports each bad answer by question id', () => {
    const { errors } = checkAnswers(questions, { q1: 'TV', likes: ['Price', 'Price'], q3: 6, q9: 'x' });
    expect(Object.keys(errors).sort()).toEqual(['answers.likes', 'answers.q1', 'answers.q3', 'answers.q9']);
    expect(checkAnswers(questions, { likes: [] }).errors).toEqual({ 'answers.q1': ['is required'], 'answers.q3': ['is required'] });
    expect(checkAnswers(questions, { q1: 'Web', q3: 0 }).errors).toHaveProperty(['answers.q3']);
    expect(checkAnswers(questions, 'yes').errors).toHaveProperty('answers');
  });
});
