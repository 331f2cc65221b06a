import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { errorText, isForbidden, isNotFound } from '../api/errors.ts';
import { LinkButton } from './LinkButton.tsx';

/** A failed query shown where its data would be: 403 and 404 as friendly pages, others with retry. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const requestId = error instanceof ApiError ? error.requestId : null;
  const status = isForbidden(error) ? '403' : isNotFound(error) ? '404' : 'error';
  const title =
    status === '403'
      ? t('errors.forbiddenTitle')
      : status === '404'
        ? t('errors.notFoundTitle')
        : t('errors.errorTitle');
  return (
    <Result
      status={status}
      title={title}
      subTitle={
        <span role="alert">
          {errorText(t, error)}
          {requestId ? (
            <>
              <br />
              <small>{t('common.requestId', { id: requestId })}</small>
            </>
          ) : null}
        </span>
      }
      extra={[
        onRetry && status === 'error' ? (
          <Button key="retry" type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null,
        <LinkButton key="home" to="/workbench">
          {t('common.backToWorkbench')}
        </LinkButton>,
      ]}
    />
  );
}
