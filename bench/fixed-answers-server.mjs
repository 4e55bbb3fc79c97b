// The floor under any HTTP feed, for bench/hub-feed.bench.ts: a plain node:http server, in its own process,
// answering each path with bytes it was given (argv[2]: a JSON file of `{ "<path>": "<answer>" }`), read
// nothing, checked nothing. Prints its URL as the first stdout line; exits on stdin "exit".
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const answers = new Map(
  Object.entries(JSON.parse(readFileSync(String(process.argv[2]), 'utf8'))).map(([path, text]) => [
    path,
    Buffer.from(text),
  ]),
);
const server = createServer((request, response) => {
  const answer = answers.get(request.url ?? '');
  response.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
  response.end(answer ?? '');
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  if (String(text).includes('exit')) process.exit(0);
});
