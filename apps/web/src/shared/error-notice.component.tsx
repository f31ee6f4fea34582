import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.context';

/**
 * The error line of a page, tab or form: the error as the user should read it (the server's message and code,
 * or a network notice; a message already in words is shown as it is), followed by `children` (a retry button);
 * nothing while there is no error.
 */
export function ErrorNotice({
  error,
  testId,
  children,
}: {
  error: unknown;
  testId?: string;
  children?: ReactNode;
}) {
  const { error: describe } = useI18n();
  if (!error) return null;
  return (
    <p className="error" role="alert" data-testid={testId}>
      {describe(error)}
      {children}
    </p>
  );
}
