/**
 * The Call Flows tree: workspace (only when there are several) → flow → versions and numbers.
 * Statuses come from the core (list/show), never from the tree's own reading of files.
 */
import * as vscode from 'vscode';
import type { FlowSummary } from '../../core';
import type { FlowWorkspaceFolder, FlowWorkspaceRegistry } from '../workspaces/flowWorkspaceRegistry';
import type { FlowNode, FlowTreeNode, NumbersNode, VersionNode } from './nodes';
import {
  flowDescription,
  flowTooltip,
  numberLabel,
  statusIcon,
  versionContextValue,
  versionDescription,
  versionTooltip,
} from './presentation';

export const FLOW_TREE_VIEW = 'callflow.flows';

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
        return node.assignments.map((assignment) => ({
          kind: 'number',
          workspace: node.workspace,
          flowId: node.flow.id,
          assignment,
        }));
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
        item.description = flowDescription(node.flow);
        item.tooltip = flowTooltip(node.flow);
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
        item.description = String(node.assignments.length);
        item.iconPath = new vscode.ThemeIcon('call-incoming');
        return item;
      }
      case 'number': {
        const { label, description } = numberLabel(node.assignment);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.workspace.root.toString()}#${node.flowId}#${node.assignment.number}`;
        item.contextValue = 'callflow.number';
        if (description) item.description = description;
        item.tooltip = `${node.assignment.number} → ${node.flowId}`;
        item.iconPath = new vscode.ThemeIcon('device-mobile');
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
    try {
      flows = await (await workspace.open()).list();
    } catch (err) {
      this.log.error(`listing flows of ${workspace.name} failed: ${(err as Error).message}`);
      return [{ kind: 'problem', workspace, message: `Cannot read flows: ${(err as Error).message}` }];
    }
    return flows
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map((flow): FlowNode => ({ kind: 'flow', workspace, flow }));
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
    if (details.assignments.length > 0) {
      const numbers: NumbersNode = {
        kind: 'numbers',
        workspace: node.workspace,
        flow: node.flow,
        assignments: details.assignments,
      };
      versions.push(numbers);
    }
    return versions;
  }
}
