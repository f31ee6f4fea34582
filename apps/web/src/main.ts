interface HealthBody {
  status?: string;
  details?: Record<string, { status: string }>;
  error?: { message: string; details: { field?: string; message: string }[] };
}

const list = document.querySelector<HTMLUListElement>('#status')!;

function show(rows: [string, boolean, string][]): void {
  list.replaceChildren(
    ...rows.map(([name, up, text]) => {
      const item = document.createElement('li');
      item.className = up ? 'up' : 'down';
      item.textContent = `${name}: ${text}`;
      return item;
    }),
  );
}

async function refresh(): Promise<void> {
  try {
    const response = await fetch('/health');
    const body = (await response.json()) as HealthBody;
    if (response.ok && body.details) {
      show(
        Object.entries(body.details).map(([name, detail]) => [name, detail.status === 'up', detail.status]),
      );
    } else {
      show((body.error?.details ?? []).map((d) => [d.field ?? 'service', false, d.message]));
    }
  } catch {
    show([['api', false, 'unreachable']]);
  }
}

void refresh();
setInterval(() => void refresh(), 10_000);
