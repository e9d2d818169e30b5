// A branching conversation drawn from its nodes: columns by depth from the start, one arrow per
// pair of boxes (labelled with the choices it carries), and one "End" box for final choices.

type GraphNode = { id: string; choices: { score?: number; next?: string; redFlag?: boolean }[] }

const W = 124
const H = 44
const GAP_X = 56
const GAP_Y = 26

/** Depth of each node: its shortest distance from the first node (unreached nodes go last). */
export function layoutConversation(nodes: GraphNode[]) {
  const depth = new Map<string, number>()
  const queue = nodes[0] ? [nodes[0].id] : []
  if (nodes[0]) depth.set(nodes[0].id, 0)
  while (queue.length > 0) {
    const id = queue.shift()!
    for (const c of nodes.find((n) => n.id === id)?.choices ?? []) {
      if (c.next && !depth.has(c.next) && nodes.some((n) => n.id === c.next)) {
        depth.set(c.next, depth.get(id)! + 1)
        queue.push(c.next)
      }
    }
  }
  const maxDepth = Math.max(0, ...depth.values())
  nodes.forEach((n) => depth.has(n.id) || depth.set(n.id, maxDepth + 1))
  const columns = new Map<number, string[]>()
  nodes.forEach((n) => columns.set(depth.get(n.id)!, [...(columns.get(depth.get(n.id)!) ?? []), n.id]))
  const pos = new Map<string, { x: number; y: number }>()
  for (const [d, ids] of columns) ids.forEach((id, row) => pos.set(id, { x: d * (W + GAP_X), y: row * (H + GAP_Y) }))
  const endColumn = Math.max(0, ...[...columns.keys()]) + 1
  const rows = Math.max(1, ...[...columns.values()].map((c) => c.length))
  return {
    pos,
    end: { x: endColumn * (W + GAP_X), y: ((rows - 1) * (H + GAP_Y)) / 2 },
    width: (endColumn + 1) * (W + GAP_X) - GAP_X,
    height: rows * (H + GAP_Y) - GAP_Y,
  }
}

export function ConversationGraph({ nodes }: { nodes: GraphNode[] }) {
  if (nodes.length === 0) return <p className="muted">Add a node to start the conversation.</p>
  const { pos, end, width, height } = layoutConversation(nodes)
  // Choices between the same two boxes share one arrow, labelled with each choice's number and score.
  const grouped = new Map<
    string,
    {
      key: string
      from: { x: number; y: number }
      to: { x: number; y: number }
      labels: string[]
      redFlag: boolean
      broken: boolean
      best: boolean
    }
  >()
  for (const n of nodes) {
    n.choices.forEach((c, i) => {
      const broken = Boolean(c.next && !pos.has(c.next))
      const target = c.next && !broken ? c.next : '(end)'
      const key = `${n.id}->${target}`
      const edge = grouped.get(key) ?? {
        key,
        from: pos.get(n.id)!,
        to: target === '(end)' ? end : pos.get(target)!,
        labels: [],
        redFlag: false,
        broken: false,
        best: false,
      }
      edge.labels.push(`${i + 1}`)
      edge.best ||= c.score === 1
      edge.redFlag ||= Boolean(c.redFlag)
      edge.broken ||= broken
      grouped.set(key, edge)
    })
  }
  // Labels of arrows leaving the same box are staggered so they do not print over each other.
  const seen = new Map<string, number>()
  const edges = [...grouped.values()].map((e) => {
    const source = e.key.split('->')[0]!
    const k = seen.get(source) ?? 0
    seen.set(source, k + 1)
    return { ...e, stagger: k }
  })
  return (
    <figure className="conversation-graph">
      <svg
        viewBox={`-10 -10 ${width + 20} ${height + 20}`}
        width={width + 20}
        style={{ maxWidth: '100%', height: 'auto' }}
        role="img"
        aria-label={`Conversation graph: ${nodes.length} nodes`}
      >
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#4a5565" />
          </marker>
        </defs>
        {edges.map((e) => {
          const x1 = e.from.x + W
          const y1 = e.from.y + H / 2
          const backwards = e.to.x <= e.from.x
          const x2 = backwards ? e.to.x + W / 2 : e.to.x
          const y2 = backwards ? e.to.y + H : e.to.y + H / 2
          const mx = (x1 + x2) / 2
          return (
            <g key={e.key} className={`edge${e.broken ? ' broken' : e.redFlag ? ' red-flag' : ''}${e.best ? ' best' : ''}`}>
              <path d={`M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`} fill="none" markerEnd="url(#arrow)" />
              <text x={x1 + 6} y={y1 - 4 + e.stagger * 13}>
                {e.labels.join(', ')}
              </text>
            </g>
          )
        })}
        {nodes.map((n, i) => {
          const p = pos.get(n.id)!
          return (
            <g key={`${n.id}-${i}`} className={i === 0 ? 'node start' : 'node'}>
              <rect x={p.x} y={p.y} width={W} height={H} rx={8} />
              <text x={p.x + W / 2} y={p.y + H / 2 + 5} textAnchor="middle">
                {n.id || `(node ${i + 1})`}
              </text>
            </g>
          )
        })}
        <g className="node end">
          <rect x={end.x} y={end.y} width={W} height={H} rx={22} />
          <text x={end.x + W / 2} y={end.y + H / 2 + 5} textAnchor="middle">
            End
          </text>
        </g>
      </svg>
      <figcaption className="muted">
        Arrows are labelled with their choice numbers. A thick arrow carries a best choice (score 1), a red one a red flag; a dashed one
        leads to a node that does not exist.
      </figcaption>
    </figure>
  )
}
