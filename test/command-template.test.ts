/**
 * Command templates of user and native crawlers: split like a shell splits words, never run by
 * one, placeholders replaced inside words so a value with spaces stays one argument.
 */
import { describe, expect, it } from 'vitest';
import { expandCommand, parseCommandTemplate, type TemplateValues } from '../crawlers/external/command-template.js';

const VALUES: TemplateValues = {
  url: 'http://127.0.0.1:8080/',
  workers: '10',
  timeoutMs: '10000',
  retries: '2',
  maxPages: '100000',
  maxBodyBytes: '10485760',
  ca: '/tmp/my ca.pem',
  out: '/tmp/out.json',
};

describe('command templates', () => {
  it('splits on spaces, honours quotes and backslashes, and keeps a spaced value as one argument', () => {
    const template = parseCommandTemplate('mine', `python3 'my crawler.py' --url={url} -w {workers} "--ca" {ca} --name a\\ b`);
    expect(expandCommand(template, VALUES)).toEqual({ file: 'python3', args: ['my crawler.py', '--url=http://127.0.0.1:8080/', '-w', '10', '--ca', '/tmp/my ca.pem', '--name', 'a b'] });
    expect(template.writesOut).toBe(false);
  });

  it('says whether the result comes in {out} or on stdout', () => {
    expect(parseCommandTemplate('mine', 'crawl {url} {out}').writesOut).toBe(true);
  });

  it.each([
    ['a pipe', 'crawl {url} | tee log', 'crawler "x": its command has "|", but no shell runs it; write a script and name it instead'],
    ['a redirect', 'crawl {url} > out', 'crawler "x": its command has ">", but no shell runs it; write a script and name it instead'],
    ['a sequence', 'cd x; crawl {url}', 'crawler "x": its command has ";", but no shell runs it; write a script and name it instead'],
    ['an unknown placeholder', 'crawl {url} {threads}', 'crawler "x": unknown placeholder {threads}; known: {url} {workers} {timeoutMs} {retries} {maxPages} {maxBodyBytes} {ca} {out}'],
    ['no {url}', 'crawl --workers {workers}', 'crawler "x": the command must pass {url} to the crawler'],
    ['nothing', '   ', 'crawler "x": the command is empty'],
  ])('refuses %s with one line', (_what, text, message) => {
    expect(() => parseCommandTemplate('x', text)).toThrow(message);
  });

  it('does not expand $VARIABLES: what the user wrote is what runs', () => {
    expect(expandCommand(parseCommandTemplate('x', 'crawl $HOME {url}'), VALUES).args).toEqual(['$HOME', 'http://127.0.0.1:8080/']);
  });
});
