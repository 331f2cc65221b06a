/**
 * A one-line progress bar on stderr (redrawn in place on a terminal; a line every 5 % otherwise, so
 * logs of a long run stay readable).
 */
export function progressBar(label: string): {
  update(done: number, total: number, extra?: string): void;
  end(text?: string): void;
} {
  const tty = process.stderr.isTTY;
  let lastStep = -1;
  let lastDraw = 0;
  return {
    update(done, total, extra = '') {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const step = Math.floor(ratio * 20);
      const now = Date.now();
      if (tty ? now - lastDraw < 100 && ratio < 1 : step === lastStep) return;
      lastStep = step;
      lastDraw = now;
      const width = 30;
      const filled = Math.round(ratio * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      const line = `${label} ${bar} ${(ratio * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${extra}`;
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    },
    end(text) {
      if (tty) process.stderr.write('\n');
      if (text) process.stderr.write(`${text}\n`);
    },
  };
}
