import type { NotificationInstance } from 'antd/es/notification/interface';

/**
 * antd's notification bound to the app's ConfigProvider (set by <NotifierBridge/> inside antd's
 * <App>), so code outside components — the query client's error hooks — can show messages.
 */
let instance: NotificationInstance | null = null;

export const notifier = {
  bind(next: NotificationInstance | null): void {
    instance = next;
  },
  error(message: string, description?: string): void {
    instance?.error({ message, description, placement: 'topRight' });
  },
};
