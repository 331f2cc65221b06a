import { describe, expect, it } from 'vitest';
import {
  findTitle,
  isAttachmentMarker,
  isFooterLine,
  isSignatureDate,
  signatureStart,
} from './boilerplate.ts';

describe('findTitle', () => {
  it('takes the last title-like line, not the notice or the page title', () => {
    expect(
      findTitle([
        '某区任务分解方案_某区人民政府网站',
        '关于印发《某区任务分解方案》的通知',
        '现将《某区任务分解方案》印发给你们，请认真贯彻落实。',
        '某区任务分解方案',
        '为落实……，制定本方案。',
      ]),
    ).toEqual({ title: '某区任务分解方案', lastLine: 3 });
  });

  it('joins a title wrapped over two lines and a bracketed line after it', () => {
    expect(findTitle(['附件2', '示例区落实街道管理体制改革的', '任务分解方案', '（2020—2022年）'])).toEqual({
      title: '示例区落实街道管理体制改革的任务分解方案（2020—2022年）',
      lastLine: 3,
    });
  });

  it('joins a last word cut off the title, but not a short line after a whole title', () => {
    expect(findTitle(['示例区街道工作任务分解方', '案']).title).toBe('示例区街道工作任务分解方案');
    expect(findTitle(['示例区街道工作任务分解方案', '前言'])).toEqual({
      title: '示例区街道工作任务分解方案',
      lastLine: 0,
    });
  });

  it('does not join a site or office name to the title', () => {
    expect(findTitle(['示例区人民政府', '街道工作要点']).title).toBe('街道工作要点');
  });

  it('returns null without a title-like line', () => {
    expect(findTitle(['首页 > 政务公开', '发布时间：2020-01-01'])).toEqual({ title: null, lastLine: -1 });
  });
});

describe('footers', () => {
  it.each([
    '【打印本页】【关闭窗口】',
    '扫一扫在手机打开当前页',
    '相关链接：',
    '京ICP备00000000号',
    '抄送：区委各部门',
    '（此件公开发布）',
  ])('takes %s for a footer', (line) => expect(isFooterLine(line)).toBe(true));

  it.each(['协办单位:区民政局', '3.打印和关闭', '相关部门要加强协作'])('keeps %s', (line) =>
    expect(isFooterLine(line)).toBe(false),
  );

  it('reads a signature date, but not a date after a label', () => {
    const lines = [
      '1.甲',
      '牵头单位:区委办',
      '某区人民政府办公室',
      '2021年3月1日',
      '完成时间:',
      '2021年3月1日',
    ];
    expect(isSignatureDate(lines, 3)).toBe(true);
    expect(signatureStart(lines, 3)).toBe(2);
    expect(isSignatureDate(lines, 5)).toBe(false);
    expect(signatureStart(['各单位要按时完成。', '2021年3月1日'], 1)).toBe(1);
  });

  it('reads an attachment marker', () => {
    expect(isAttachmentMarker('附件')).toBe(true);
    expect(isAttachmentMarker('附件2')).toBe(true);
    expect(isAttachmentMarker('附件：1.任务分解表')).toBe(false);
  });
});
