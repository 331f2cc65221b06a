import { Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/**
 * Text cut to `rows` lines by CSS, whole on hover (`title`) and whole in the DOM. Used in table cells
 * instead of antd's measured ellipsis (`ellipsis={{ rows, expandable }}`), which re-measures on every
 * layout change and could loop without end in scrolled tables (React error #185 in a browser test).
 */
export function ClampedText(props: {
  rows: number;
  title?: string;
  style?: CSSProperties;
  children: ReactNode;
}) {
  return (
    <Typography.Text
      title={props.title}
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
