<#
.SYNOPSIS
    Collects what da-manage-out needs to know about DirectAccess servers, as JSON. Read-only.

.DESCRIPTION
    Run on each DirectAccess server (or from an admin workstation with -ComputerName, through
    PowerShell remoting). For every server it reports:
      - computerName, and the entry point (Get-DAEntryPoint, multisite) or the cluster's
        ConnectTo address (Get-DAServer), which group load-balanced nodes together;
      - clusterNodes: the names of every node of the server's load-balanced cluster, from
        Get-RemoteAccessLoadBalancer: its NlbNodeStatus property lists RemoteAccessLoadBalancerNode
        objects whose HostName is the node's name (or an address). entryPointServers: the
        Servers of the server's entry point, from Get-DAEntryPoint (multisite);
        deploymentEntryPoints: every entry point of a multisite deployment with its Servers
        (Get-DAEntryPoint without -ComputerName). import-facts uses
        them to notice a node whose facts are missing. Both are collected as plain strings, and
        are null when the server is not in a cluster or a multisite deployment, or when the
        cmdlet is missing or fails: a node without them is still reported, only the check is lost.
        (Property names from Microsoft's RemoteAccess WMI class reference: RemoteAccessLoadBalancer,
        RemoteAccessLoadBalancerNode, DAEntryPoint.)
      - internalVirtualIPs: the cluster's virtual IPs on the intranet interface, from
        Get-RemoteAccessLoadBalancer's InternalVirtualIPAddress (RemoteAccessLoadBalancer class
        reference). Windows NLB puts them on every node beside the node's own (dedicated)
        address; import-facts never makes one a pool member. null outside an NLB cluster;
      - clientIPv6Prefix: Get-DAServer ClientIPv6Prefix. In a load-balanced cluster this is the
        cluster's prefix (e.g. a /59), the same on every node;
      - publishedRoutes: Get-NetRoute -AddressFamily IPv6 routes whose Publish is not No, with
        the interface they are on. A cluster node's own /64 is the route it publishes on the
        IP-HTTPS interface;
      - ipAddresses: Get-NetIPAddress -AddressFamily IPv6, to find the corporate-facing address;
      - teredo: Get-NetTeredoConfiguration Type and Get-NetTeredoState State.
    Nothing is changed on the servers. Feed the JSON to:
      npx da-manage-out import-facts facts/*.json --out inventories/<site>.yaml

.PARAMETER ComputerName
    DirectAccess servers to query through PowerShell remoting (WinRM). Default: this computer.

.PARAMETER Credential
    Credentials for the remote servers.

.EXAMPLE
    .\Get-DaManageOutFacts.ps1 | Set-Content -Encoding UTF8 facts\$env:COMPUTERNAME.json

.EXAMPLE
    .\Get-DaManageOutFacts.ps1 -ComputerName DA-EAST-1,DA-EAST-2,DA-EAST-3 | Set-Content -Encoding UTF8 facts\east.json

.NOTES
    Windows PowerShell 5.1 compatible. Needs the RemoteAccess and NetTCPIP modules (present on
    every DirectAccess server).
#>
[CmdletBinding()]
param(
    [string[]] $ComputerName,
    [System.Management.Automation.PSCredential] $Credential
)

$collect = {
    $ErrorActionPreference = 'Stop'

    $daServer = Get-DAServer
    $entryPoint = $null
    $entryPointServers = $null
    try {
        # Only a multisite deployment has entry points; elsewhere this fails, which is fine.
        $daEntryPoint = Get-DAEntryPoint -ComputerName $env:COMPUTERNAME -ErrorAction Stop
        $entryPoint = $daEntryPoint.EntryPointName
        # Servers: string[] of the entry point's servers (names, often fully qualified).
        $servers = @(@($daEntryPoint.Servers) | Where-Object { $_ } | ForEach-Object { [string]$_ })
        if ($servers.Count -gt 0) { $entryPointServers = $servers }
    } catch {
        $entryPoint = $null
        $entryPointServers = $null
    }
    # Every entry point of a multisite deployment with its servers (Get-DAEntryPoint without
    # -ComputerName lists them all): import-facts names those no facts file covers.
    $deploymentEntryPoints = $null
    if ($entryPoint) {
        try {
            $deploymentEntryPoints = @(
                foreach ($ep in @(Get-DAEntryPoint -ErrorAction Stop)) {
                    [ordered]@{
                        name    = [string]$ep.EntryPointName
                        servers = @(@($ep.Servers) | Where-Object { $_ } | ForEach-Object { [string]$_ })
                    }
                }
            )
        } catch {
            $deploymentEntryPoints = $null
        }
    }

    # Every node of this server's load-balanced cluster (this one included). -Brief skips the
    # node status, which is not needed; the virtual IPs stay in the answer (Get method of the
    # PS_RemoteAccessLoadBalancer class: Brief "suppresses the retrieval of node status"). No
    # Remote Access cmdlet lists a node's dedicated address (RemoteAccessLoadBalancerNode has
    # HostName, StatusCode and VpnIPAddressAssignmentSetting only): import-facts takes the node's
    # corporate addresses less these virtual IPs. NlbNodeStatus holds RemoteAccessLoadBalancerNode objects;
    # their HostName is taken, or the item itself should a version return plain names. Outside a
    # cluster the list is empty or the cmdlet fails: clusterNodes is then null.
    $clusterNodes = $null
    $internalVirtualIPs = $null
    try {
        $loadBalancer = Get-RemoteAccessLoadBalancer -Brief -ErrorAction Stop
        $nodes = @(
            foreach ($node in @($loadBalancer.NlbNodeStatus)) {
                if ($null -eq $node) { continue }
                if ($node -is [string]) { $node } else { [string]$node.HostName }
            }
        )
        $nodes = @($nodes | Where-Object { $_ })
        if ($nodes.Count -gt 0) { $clusterNodes = $nodes }
        $vips = @(@($loadBalancer.InternalVirtualIPAddress) | Where-Object { $_ } | ForEach-Object { [string]$_ })
        if ($vips.Count -gt 0) { $internalVirtualIPs = $vips }
    } catch {
        $clusterNodes = $null
        $internalVirtualIPs = $null
    }

    $publishedRoutes = @(
        Get-NetRoute -AddressFamily IPv6 -ErrorAction SilentlyContinue |
            Where-Object { [string]$_.Publish -ne 'No' } |
            ForEach-Object {
                [ordered]@{
                    DestinationPrefix = [string]$_.DestinationPrefix
                    InterfaceAlias    = [string]$_.InterfaceAlias
                    InterfaceIndex    = [int]$_.InterfaceIndex
                    NextHop           = [string]$_.NextHop
                    Publish           = [string]$_.Publish
                    RouteMetric       = [int]$_.RouteMetric
                }
            }
    )

    $ipAddresses = @(
        Get-NetIPAddress -AddressFamily IPv6 -ErrorAction SilentlyContinue |
            ForEach-Object {
                [ordered]@{
                    IPAddress      = [string]$_.IPAddress
                    InterfaceAlias = [string]$_.InterfaceAlias
                    InterfaceIndex = [int]$_.InterfaceIndex
                    PrefixLength   = [int]$_.PrefixLength
                    PrefixOrigin   = [string]$_.PrefixOrigin
                    SuffixOrigin   = [string]$_.SuffixOrigin
                    AddressState   = [string]$_.AddressState
                    Type           = [string]$_.Type
                }
            }
    )

    $teredoType = $null
    $teredoState = $null
    try { $teredoType = [string](Get-NetTeredoConfiguration).Type } catch { }
    try { $teredoState = [string](Get-NetTeredoState).State } catch { }

    [ordered]@{
        factsVersion      = 2
        collectedAt       = (Get-Date).ToUniversalTime().ToString('o')
        computerName      = $env:COMPUTERNAME
        entryPoint        = $entryPoint
        cluster           = [string]$daServer.ConnectToAddress
        clusterNodes      = $clusterNodes
        internalVirtualIPs = $internalVirtualIPs
        entryPointServers = $entryPointServers
        deploymentEntryPoints = $deploymentEntryPoints
        clientIPv6Prefix  = [string]$daServer.ClientIPv6Prefix
        publishedRoutes   = $publishedRoutes
        ipAddresses       = $ipAddresses
        teredo            = [ordered]@{ Type = $teredoType; State = $teredoState }
    }
}

if ($ComputerName) {
    $invoke = @{ ComputerName = $ComputerName; ScriptBlock = $collect }
    if ($Credential) { $invoke.Credential = $Credential }
    $facts = @(Invoke-Command @invoke | ForEach-Object {
        # Remoting adds PSComputerName, RunspaceId, PSShowComputerName; keep only the facts.
        $result = [ordered]@{}
        foreach ($key in 'factsVersion', 'collectedAt', 'computerName', 'entryPoint', 'cluster',
                         'clusterNodes', 'internalVirtualIPs', 'entryPointServers',
                         'deploymentEntryPoints', 'clientIPv6Prefix',
                         'publishedRoutes', 'ipAddresses', 'teredo') {
            $result[$key] = $_.$key
        }
        $result
    })
    ConvertTo-Json -InputObject $facts -Depth 6
} else {
    ConvertTo-Json -InputObject (& $collect) -Depth 6
}
