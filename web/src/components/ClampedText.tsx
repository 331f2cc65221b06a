import { Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/**
 * Text cut to `rows` lines by CSS, whole on hover (`title`) and whole in the DOM. Used in tables, lists
 * and cards instead of antd's `ellipsis` prop: every form of it (even a bare `ellipsis` on one line)
 * watches its size with ResizeObserver/IntersectionObserver and sets state on each change, and with
 * `rows`/`expandable` re-measures by rendering hidden copies — this could loop without end in scrolled
 * tables (React error #185 in a browser test). `rows={1}` gives the single-line ellipsis.
 */
export function ClampedText(props: {
  rows: number;
  title?: string;
  className?: string;
  style?: CSSProperties;
  children: ReactNode;
}) {
  return (
    <Typography.Text
      title={props.title}
      className={props.className}
      style={{
        display: '-webkit-box',
        WebkitLineClamp: props.rows,
        WebkitBoxOrient: 'vertical',
        overflow: 'hidden',
        ...props.style,
      }}
    >
      {props.children}
    </Typography.Text>
  );
}
