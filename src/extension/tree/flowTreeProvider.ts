/**
 * The Call Flows tree: workspace (only when there are several) → flow → versions and numbers.
 * Statuses come from the core (list/show), never from the tree's own reading of files.
 */
import * as vscode from 'vscode';
import {
  describePendingNumber,
  environmentStatuses,
  type EnvironmentStatus,
  type FlowSummary,
  type NumberAssignment,
  type PendingNumber,
} from '../../core';
import type { FlowWorkspaceFolder, FlowWorkspaceRegistry } from '../workspaces/flowWorkspaceRegistry';
import type { FlowNode, FlowTreeNode, LiveIn, NumberNode, NumbersNode, VersionNode } from './nodes';
import {
  flowDescription,
  flowTooltip,
  numberLabel,
  pendingNumberNote,
  statusIcon,
  versionContextValue,
  versionDescription,
  versionTooltip,
} from './presentation';

export const FLOW_TREE_VIEW = 'callflow.flows';

/** Whether the uncommitted edit brings `number` to the flow (added or moved in): not live yet. */
function isArriving(pending: readonly PendingNumber[] | undefined, number: string, flowId: string): boolean {
  const change = pending?.find((p) => p.number === number);
  return change !== undefined && change.working?.flow === flowId && change.committed?.flow !== flowId;
}

export class FlowTreeProvider implements vscode.TreeDataProvider<FlowTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FlowTreeNode | undefined>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly registry: FlowWorkspaceRegistry,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = registry.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  async getChildren(node?: FlowTreeNode): Promise<FlowTreeNode[]> {
    if (!node) {
      await this.registry.ready();
      const workspaces = this.registry.all();
      if (workspaces.length === 1) return this.flowsOf(workspaces[0]!);
      return workspaces.map((workspace) => ({ kind: 'workspace', workspace }));
    }
    switch (node.kind) {
      case 'workspace':
        return this.flowsOf(node.workspace);
      case 'flow':
        return this.childrenOfFlow(node);
      case 'numbers':
        return node.assignments.map((assignment): NumberNode => {
          const pending = node.pending?.find((p) => p.number === assignment.number);
          return {
            kind: 'number',
            workspace: node.workspace,
            flowId: node.flow.id,
            assignment,
            ...(pending ? { pending } : {}),
          };
        });
      default:
        return [];
    }
  }

  getTreeItem(node: FlowTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'workspace': {
        const item = new vscode.TreeItem(node.workspace.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.workspace.root.toString();
        item.contextValue = 'callflow.workspace';
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.resourceUri = node.workspace.root;
        item.description =
          vscode.workspace.asRelativePath(node.workspace.root, false) === node.workspace.root.fsPath
            ? node.workspace.root.fsPath
            : undefined;
        return item;
      }
      case 'flow': {
        const item = new vscode.TreeItem(node.flow.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.workspace.root.toString()}#${node.flow.id}`;
        item.contextValue = 'callflow.flow';
        item.description = flowDescription(node.flow, node.live);
        item.tooltip = flowTooltip(node.flow, node.live);
        item.iconPath = node.flow.problem
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
          : new vscode.ThemeIcon('type-hierarchy-sub');
        return item;
      }
      case 'version': {
        const { version } = node;
        const item = new vscode.TreeItem(`v${version.version}`, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.workspace.root.toString()}#${node.flow.id}@v${version.version}`;
        item.contextValue = versionContextValue(node.flow, version);
        item.description = versionDescription(version);
        item.tooltip = versionTooltip(node.flow, version);
        item.iconPath = statusIcon(version.status);
        if (version.file && !version.missing) {
          const uri = node.workspace.uri(version.file);
          item.resourceUri = uri;
          item.command = { command: 'vscode.open', title: 'Open Version', arguments: [uri] };
        }
        return item;
      }
      case 'numbers': {
        const item = new vscode.TreeItem('Numbers', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.workspace.root.toString()}#${node.flow.id}#numbers`;
        item.contextValue = 'callflow.numbers';
        const arriving = node.assignments.filter((a) => isArriving(node.pending, a.number, node.flow.id)).length;
        item.description = arriving
          ? `${node.assignments.length - arriving} · ${arriving} pending`
          : String(node.assignments.length);
        item.iconPath = new vscode.ThemeIcon('call-incoming');
        return item;
      }
      case 'number': {
        const { label, description } = numberLabel(node.assignment);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.workspace.root.toString()}#${node.flowId}#${node.assignment.number}`;
        const note = node.pending && pendingNumberNote(node.pending, node.flowId);
        const arriving = isArriving(node.pending && [node.pending], node.assignment.number, node.flowId);
        // A number not committed yet rings nothing: no number commands on it until it is.
        item.contextValue = arriving ? 'callflow.number.pending' : 'callflow.number';
        const shown = [description, note].filter(Boolean).join(' · ');
        if (shown) item.description = shown;
        item.tooltip = node.pending
          ? `${describePendingNumber(node.pending)}. Callers get numbers.yaml as committed.`
          : `${node.assignment.number} → ${node.flowId}`;
        item.iconPath = arriving
          ? new vscode.ThemeIcon('device-mobile', new vscode.ThemeColor('disabledForeground'))
          : new vscode.ThemeIcon('device-mobile');
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.workspace.root.toString()}#problem:${node.message}`;
        item.contextValue = 'callflow.problem';
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = node.message;
        return item;
      }
    }
  }

  getParent(node: FlowTreeNode): FlowTreeNode | undefined {
    const workspaceParent: FlowTreeNode | undefined =
      this.registry.all().length > 1 ? { kind: 'workspace', workspace: node.workspace } : undefined;
    switch (node.kind) {
      case 'flow':
      case 'problem':
        return workspaceParent;
      case 'version':
      case 'numbers':
        return { kind: 'flow', workspace: node.workspace, flow: node.flow };
      default:
        return undefined;
    }
  }

  /** Flow nodes of a workspace, sorted by name. */
  async flowsOf(workspace: FlowWorkspaceFolder): Promise<FlowTreeNode[]> {
    let flows: FlowSummary[];
    let environments: EnvironmentStatus[] = [];
    try {
      const facade = await workspace.open();
      flows = await facade.list();
      environments = await environmentStatuses(facade).catch((err: Error) => {
        this.log.warn(`reading the environments of ${workspace.name} failed: ${err.message}`);
        return [];
      });
    } catch (err) {
      this.log.error(`listing flows of ${workspace.name} failed: ${(err as Error).message}`);
      return [{ kind: 'problem', workspace, message: `Cannot read flows: ${(err as Error).message}` }];
    }
    const liveOf = (flowId: string): LiveIn[] =>
      environments.map((e) => {
        const version = e.flows.find((f) => f.flow === flowId)?.version;
        return version === undefined ? { environment: e.environment } : { environment: e.environment, version };
      });
    return flows
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map((flow): FlowNode => ({ kind: 'flow', workspace, flow, live: liveOf(flow.id) }));
  }

  private async childrenOfFlow(node: FlowNode): Promise<FlowTreeNode[]> {
    let details;
    try {
      details = await (await node.workspace.open()).show(node.flow.id);
    } catch (err) {
      return [{ kind: 'problem', workspace: node.workspace, message: (err as Error).message }];
    }
    const versions: FlowTreeNode[] = details.versions
      .filter((v) => v.status !== 'discarded')
      .sort((a, b) => b.version - a.version)
      .map((version): VersionNode => ({ kind: 'version', workspace: node.workspace, flow: node.flow, version }));
    const { assignments, pending } = await this.numbersOf(node, details.assignments);
    if (assignments.length > 0) {
      const numbers: NumbersNode = {
        kind: 'numbers',
        workspace: node.workspace,
        flow: node.flow,
        assignments,
        pending,
      };
      versions.push(numbers);
    }
    return versions;
  }

  /**
   * The flow's numbers as callers get them (committed), then those a hand edit of numbers.yaml
   * brings to it, pending; `working`: the working tree's, shown as they are when git cannot say.
   */
  private async numbersOf(
    node: FlowNode,
    working: readonly NumberAssignment[],
  ): Promise<{ assignments: NumberAssignment[]; pending: PendingNumber[] }> {
    const flowId = node.flow.id;
    let asCommitted;
    try {
      asCommitted = await (await node.workspace.open()).numbersAsCommitted();
    } catch (err) {
      this.log.warn(`numbers.yaml as committed in ${node.workspace.name}: ${(err as Error).message}`);
      return { assignments: [...working], pending: [] };
    }
    const pending = asCommitted.pending.filter((p) => p.committed?.flow === flowId || p.working?.flow === flowId);
    const arriving = pending.filter((p) => isArriving([p], p.number, flowId)).map((p) => p.working!);
    return { assignments: [...asCommitted.committed.filter((a) => a.flow === flowId), ...arriving], pending };
  }
}
