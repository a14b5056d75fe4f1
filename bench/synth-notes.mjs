// Writes a synthetic notes folder of N cards for the benchmark's scaling runs (`NOTES_DIR=… trunk build`):
// 20 topics, sections of 25 cards in the outline syntax, answers of about the shipped notes' length (a
// highlighted Python fence in every fifth), and a quiz item every tenth card. A fixed seed makes every run write
// the same bytes, so the builds compare.
//
//   node bench/synth-notes.mjs CARDS DIR
import fs from 'node:fs';
import path from 'node:path';

const TOPICS = 20;
const CARDS_PER_SECTION = 25;
const WORDS = ('запрос индекс транзакция поток корутина событие очередь кэш таблица ключ значение сервер клиент ' +
  'соединение блокировка изоляция реплика шард миграция модель представление шаблон фабрика адаптер декоратор ' +
  'итератор генератор контекст менеджер исключение тест фикстура под сервис деплой конфигурация секрет ' +
  'возвращает хранит создаёт проверяет блокирует освобождает читает пишет ждёт отменяет планирует').split(' ');

let state = 0x2545f491;
function random(n) {
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state % n;
}
const words = (n) => Array.from({ length: n }, () => WORDS[random(WORDS.length)]).join(' ');
const sentence = (n) => { const text = words(n); return text[0].toUpperCase() + text.slice(1) + '.'; };

function card(number) {
  const lines = [`- Вопрос ${number}: как ${words(6)}?`];
  for (let i = 0; i < 3; i++) lines.push(`  - ${sentence(14)} Это \`${WORDS[random(WORDS.length)]}_${number}\` и **${words(2)}**.`);
  if (number % 5 === 0) {
    lines.push('  ```python', `  def handler_${number}(items):`, '      total = 0', '      for item in items:',
      `          total += item * ${number}`, '      return total', '  ```');
  }
  return lines.join('\n');
}

function quiz(number) {
  return [`Какой вариант верен для ${words(5)} (${number})?`, '',
    `- [ ] ${words(4)}`, `- [x] ${words(4)}`, `- [ ] ${words(4)}`, `- [ ] ${words(4)}`, '',
    `> ${sentence(16)}`].join('\n');
}

const [cards, dir] = [Number(process.argv[2]), process.argv[3]];
if (!(cards > 0) || !dir) {
  console.error('usage: node bench/synth-notes.mjs CARDS DIR');
  process.exit(2);
}
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
for (let topic = 0; topic < TOPICS; topic++) {
  // Cards are dealt round-robin so the topics differ by one card at most.
  const numbers = Array.from({ length: cards }, (_, i) => i + 1).filter((n) => (n - 1) % TOPICS === topic);
  const parts = [`---\ntitle: Синтетическая тема ${topic + 1}\n---\n\n${sentence(30)}`];
  numbers.forEach((number, i) => {
    if (i % CARDS_PER_SECTION === 0) parts.push(`## Раздел ${i / CARDS_PER_SECTION + 1}\n\n${sentence(20)}`);
    parts.push(card(number));
    if (number % 10 === 0) parts.push(quiz(number));
  });
  parts.push('## Источники\n\nДокументация Python: [docs.python.org](https://docs.python.org/3/)');
  const name = `${String(topic + 1).padStart(2, '0')}-synthetic-${topic + 1}.md`;
  fs.writeFileSync(path.join(dir, name), parts.join('\n\n') + '\n');
}
console.log(`synth-notes: ${cards} cards in ${TOPICS} topics → ${dir}`);
