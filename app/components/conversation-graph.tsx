// A branching conversation drawn from its nodes: columns by depth from the start, an arrow per
// choice (labelled with its score), and one "End" box that every final choice leads to.

type GraphNode = { id: string; choices: { score?: number; next?: string; redFlag?: boolean }[] }

const W = 150
const H = 44
const GAP_X = 70
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
  return { pos, end: { x: endColumn * (W + GAP_X), y: ((rows - 1) * (H + GAP_Y)) / 2 }, width: (endColumn + 1) * (W + GAP_X) - GAP_X, height: rows * (H + GAP_Y) - GAP_Y }
}

export function ConversationGraph({ nodes }: { nodes: GraphNode[] }) {
  if (nodes.length === 0) return <p className="muted">Add a node to start the conversation.</p>
  const { pos, end, width, height } = layoutConversation(nodes)
  const edges = nodes.flatMap((n) =>
    n.choices.map((c, i) => {
      const from = pos.get(n.id)!
      const to = c.next && pos.has(c.next) ? pos.get(c.next)! : end
      return { key: `${n.id}-${i}`, from, to, score: c.score, redFlag: c.redFlag, broken: Boolean(c.next && !pos.has(c.next)), label: `${i + 1}` }
    }),
  )
  return (
    <figure className="conversation-graph">
      <svg viewBox={`-10 -10 ${width + 20} ${height + 20}`} width={Math.min(width + 20, 900)} role="img" aria-label={`Conversation graph: ${nodes.length} nodes, ${edges.length} choices`}>
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
          const my = (y1 + y2) / 2
          return (
            <g key={e.key} className={e.broken ? 'edge broken' : e.redFlag ? 'edge red-flag' : 'edge'}>
              <path d={`M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`} fill="none" markerEnd="url(#arrow)" />
              <text x={mx} y={my - 4} textAnchor="middle">
                {e.label}: {e.score ?? '?'}
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
      <figcaption className="muted">Each arrow is a choice, labelled with its number and score; red arrows carry a red flag.</figcaption>
    </figure>
  )
}
